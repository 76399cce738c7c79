"""Checks of our own for schemathesis (loaded with SCHEMATHESIS_HOOKS=tools/fuzz/hooks.py by scripts/fuzz-ci.ts).

- problem_json_errors: every 4xx answer is RFC 9457 (7807) application/problem+json whose `status` is the answer's
  (a 5xx fails not_a_server_error already).
- refusals_change_no_rows: a refused request (status >= 400) leaves the row counts of the case tables (and the
  coordinators' training register) as they were.
  The counts are taken before each request and again after a refusal (FUZZ_DATABASE_URL), in one statement (one
  snapshot; the projection writes a transition's rows in one transaction). They leave out what the cases' own timers
  write meanwhile (reminders, breaches: events by SYSTEM_ACTOR, libs/contracts), which no request causes: a case the
  fuzzer registered with a receipt long ago has overdue deadlines at once. This holds when requests run one at a time
  (--workers 1).
"""
import json
import os

import psycopg
import schemathesis

CASE_TABLES = ("ip_case", "case_history", "case_task", "case_deadline", "case_subject", "case_incident", "coordinator_training")
TIMER_ACTOR = "system:case-workflow"  # SYSTEM_ACTOR in libs/contracts/src/ip-case.messages.ts
BY_TIMER = "EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = x.case_id AND h.seq = x.{seq} AND h.actor_sub = %(timer)s)"
COUNT_SQL = "SELECT " + ", ".join(
    [
        "(SELECT count(*) FROM ip_case)",
        "(SELECT count(*) FROM case_history WHERE actor_sub <> %(timer)s)",
        f"(SELECT count(*) FROM case_task x WHERE NOT {BY_TIMER.format(seq='created_seq')})",
        f"(SELECT count(*) FROM case_deadline x WHERE NOT {BY_TIMER.format(seq='opened_seq')})",
        "(SELECT count(*) FROM case_subject)",
        "(SELECT count(*) FROM case_incident)",
        "(SELECT count(*) FROM coordinator_training)",
    ]
)

_connection = None
_before = None  # the counts before the request under way
_changed = {}  # id(response) -> {table: (before, after)} for refusals that changed a count


def _counts():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["FUZZ_DATABASE_URL"], autocommit=True)
    with _connection.cursor() as cur:
        cur.execute(COUNT_SQL, {"timer": TIMER_ACTOR})
        return dict(zip(CASE_TABLES, cur.fetchone()))


@schemathesis.hook
def before_call(context, case, kwargs):
    global _before
    _before = _counts()


@schemathesis.hook
def after_call(context, case, response):
    if response.status_code < 400 or _before is None:
        return
    after = _counts()
    diff: dict = {t: (_before[t], after[t]) for t in CASE_TABLES if _before[t] != after[t]}
    if diff:
        with _connection.cursor() as cur:  # what was written, for the failure's message
            cur.execute("SELECT case_id, seq, event_type, actor_sub FROM case_history ORDER BY occurred_at DESC, seq DESC LIMIT 3")
            diff["newest history"] = cur.fetchall()
        _changed[id(response)] = diff
    else:
        _changed.pop(id(response), None)


@schemathesis.check
def refusals_change_no_rows(ctx, response, case):
    """A refused request changes no row count in the case tables."""
    if response.status_code < 400:
        return None
    diff = _changed.get(id(response))
    if diff:
        changes = ", ".join(f"{t} {b} -> {a}" for t, (b, a) in diff.items() if t in CASE_TABLES)
        raise AssertionError(f"A {response.status_code} answer changed the case tables: {changes} (newest history rows: {diff['newest history']})")
    return None


@schemathesis.check
def problem_json_errors(ctx, response, case):
    """Every 4xx answer is application/problem+json with type, title and the answer's status."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    media_type = content_type.split(";")[0].strip().lower()
    if media_type != "application/problem+json":
        raise AssertionError(f"A {response.status_code} answer is {content_type or 'without a Content-Type'}, not application/problem+json")
    try:
        body = json.loads(response.content)
    except ValueError as e:
        raise AssertionError(f"A {response.status_code} problem+json body is not JSON: {e}") from None
    if not isinstance(body, dict):
        raise AssertionError(f"A {response.status_code} problem+json body is not an object")
    missing = [k for k in ("type", "title") if not isinstance(body.get(k), str)]
    if missing:
        raise AssertionError(f"A {response.status_code} problem+json body lacks {', '.join(missing)}")
    if body.get("status") != response.status_code:
        raise AssertionError(f"A {response.status_code} problem+json body says status {body.get('status')!r}")
    return None

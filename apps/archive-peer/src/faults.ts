// The fault a test has switched on (POST /admin/faults): for the next `count` messages, or until set back.
export const FAULT_MODES = ['NONE', 'SERVER_ERROR', 'INVALID', 'SLOW', 'DOWN'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultSetting {
  mode: FaultMode;
  /** How many messages the fault still applies to; null: until set back. */
  count: number | null;
  /** SLOW: how long the kvittering waits. */
  delayMs: number;
}

const DEFAULT_SLOW_MS = 5_000;

export class Faults {
  private setting: FaultSetting = { mode: 'NONE', count: null, delayMs: 0 };

  get current(): FaultSetting {
    return { ...this.setting };
  }

  set(mode: FaultMode, count?: number, delayMs?: number): FaultSetting {
    this.setting = { mode, count: mode === 'NONE' || count === undefined ? null : count, delayMs: mode === 'SLOW' ? (delayMs ?? DEFAULT_SLOW_MS) : 0 };
    return this.current;
  }

  /** Whether the peer is down (no message taken in), without using up the fault. */
  get down(): boolean {
    return this.setting.mode === 'DOWN';
  }

  /** The fault for one message, counting it against `count`. */
  take(): FaultSetting {
    const now = this.current;
    if (now.mode !== 'NONE' && this.setting.count !== null) {
      this.setting.count -= 1;
      if (this.setting.count <= 0) this.setting = { mode: 'NONE', count: null, delayMs: 0 };
    }
    return now;
  }

  reset(): void {
    this.set('NONE');
  }
}

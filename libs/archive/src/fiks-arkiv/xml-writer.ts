// Small helpers over xmlbuilder2 for the Fiks Arkiv payloads: an element of the message's namespace, and the
// metadatakatalog shapes inside it (kode, eksternNoekkel, identifikatorer), whose children are in n5mdk (README § 2).
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { NS } from './namespaces';

export type Xml = XMLBuilder;

/** A new document with `root` in namespace `ns`, n5mdk and xsi declared on it (as the templates do). */
export function xmlDocument(ns: string, root: string, extra: Record<string, string> = {}): Xml {
  return create({ version: '1.0', encoding: 'UTF-8' }).ele(ns, root, { 'xmlns:n5mdk': NS.mdk, 'xmlns:xsi': NS.xsi, ...extra });
}

export function serialize(doc: Xml): string {
  return doc.end({ prettyPrint: true });
}

/** Writes elements of one message namespace. */
export function writerFor(ns: string) {
  const el = (parent: Xml, name: string, text?: string | number | boolean): Xml => {
    const e = parent.ele(ns, name);
    if (text !== undefined) e.txt(String(text));
    return e;
  };
  const mdk = (parent: Xml, name: string, text: string | number): Xml => parent.ele(NS.mdk, `n5mdk:${name}`).txt(String(text));
  return {
    el,
    /** `<name><n5mdk:kode>value</n5mdk:kode></name>` */
    code: (parent: Xml, name: string, value: string): Xml => {
      const e = el(parent, name);
      mdk(e, 'kode', value);
      return e;
    },
    /** An eksternNoekkel element of this namespace: `<name><n5mdk:fagsystem/><n5mdk:noekkel/></name>`. */
    key: (parent: Xml, name: string, system: string, key: string): Xml => {
      const e = el(parent, name);
      mdk(e, 'fagsystem', system);
      mdk(e, 'noekkel', key);
      return e;
    },
    /** A referanseTilMappe/-Journalpost by our key: `<name><n5mdk:referanseEksternNoekkel>…</…></name>`. */
    refByKey: (parent: Xml, name: string, system: string, key: string): Xml => {
      const e = el(parent, name);
      const k = e.ele(NS.mdk, 'n5mdk:referanseEksternNoekkel');
      mdk(k, 'fagsystem', system);
      mdk(k, 'noekkel', key);
      return e;
    },
    /** An identifikatorer element (administrativEnhet, saksansvarlig, saksbehandler). */
    ids: (parent: Xml, name: string, who: { name: string; id?: string }): Xml => {
      const e = el(parent, name);
      mdk(e, 'navn', who.name);
      if (who.id) mdk(e, 'identifikator', who.id);
      return e;
    },
  };
}

// The KS Fiks Arkiv V1 code lists the engine checks settings and messages against (xsd/fiks-arkiv-v1/kodelister/*.json).
// Copied as constants so validating a settings request reads no files; a test holds them equal to the published JSON.

export const KS_CODE_LISTS = {
  dokumenttype: [
    'SØKNAD', 'MELDING', 'KORR', 'KART', 'FOTO', 'TEGNING', 'ANSVKONTO', 'TILSYN', 'AVTALE', 'VEDTAK', 'SAKSFRAMLEGG', 'FERDIGATTEST',
    'PLANBESKR', 'PLANKART', 'PLANBEST', 'PLANPROG', 'JURILLUST', 'ILLUST', 'KONSUTR', 'KUNNGJ', 'RAPPORT', 'ROS-ANALYSE', 'UTREDNING',
    'UTTALELSE', 'INNSIGELSE', 'KLAGE', 'TEGNFKL', 'GEOREFPLAN', 'DOKUMENT', 'NOTAT', 'ANALYSE', 'FAKTURA', 'LYD', 'VIDEO', 'PROTOKOLL', 'VEDLEGG',
  ],
  journalstatus: ['J', 'F', 'G', 'E', 'A', 'U', 'M', 'S', 'R'],
  journalposttype: ['I', 'U', 'N', 'X', 'S'],
  saksstatus: ['B', 'A', 'U', 'R', 'S', 'P', 'F'],
  klassifikasjonstype: ['GBN', 'FH', 'EH', 'E1', 'KK', 'MF', 'UO', 'PNR'],
  variantformat: ['P', 'A', 'O', 'S'],
  skjermingdokument: ['H', 'D'],
  korrespondanseparttype: ['EA', 'EM', 'EK', 'GM', 'IA', 'IM', 'IK'],
  avskrivningsmaate: ['BU', 'BE', 'TLF', 'TE', 'TO'],
} as const satisfies Record<string, readonly string[]>;

export type KsCodeList = keyof typeof KS_CODE_LISTS;

export function isKsCode(list: KsCodeList, code: string): boolean {
  return (KS_CODE_LISTS[list] as readonly string[]).includes(code);
}

/** A dokumentobjekt format code: PDF as in the KS examples, or a PRONOM id (README § 2.1: AGREE which). */
export const FORMAT_CODE = /^(PDF|(x-)?fmt\/\d+)$/;

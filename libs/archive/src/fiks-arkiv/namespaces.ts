// The XML namespaces of the Fiks Arkiv V1 payloads the engine writes and reads (xsd/fiks-arkiv-v1).
const KS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv';

export const NS = {
  create: `${KS}/arkivmelding/opprett/v1`,
  update: `${KS}/arkivmelding/oppdater/v1`,
  receipt: `${KS}/arkivmelding/opprett/kvittering/v1`,
  avskrivning: `${KS}/avskrivning/opprett/v1`,
  /** metadatakatalog: the children of the shared complex types (kode, eksternNoekkel, identifikatorer …). */
  mdk: `${KS}/metadatakatalog/v1`,
  /** feilmeldingBase: feilId and feilmelding, in every error reply and in mappeFeilet/registreringFeilet. */
  error: `${KS}/feil/feilmelding/v1`,
  invalid: `${KS}/feil/ugyldigforespoersel/v1`,
  serverError: `${KS}/feil/serverfeil/v1`,
  notFound: `${KS}/feil/ikkefunnet/v1`,
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  /**
   * Ours: the Noark 5 screening codes (M502 skjermingMetadata, M503 skjermingDokument) that Fiks Arkiv V1's skjerming
   * type has no element for, carried in virksomhetsspesifikkeMetadata (xs:anyType). AGREE with the archive.
   */
  screening: 'urn:ke-ip:fiks-arkiv:skjerming:v1',
} as const;

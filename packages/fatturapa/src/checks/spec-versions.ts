/**
 * Where a content rule comes from and the first invoice date (2.1.1.3 <Data>) it applies to. `source` says why that
 * date: a rule introduced by a version of the Specifiche tecniche applies to invoices dated on or after the day that
 * version became usable. Dates marked "unverified" could not be checked against the Allegato A PDFs in this project
 * (see /work/shared/sdi/FACTS.md, tags [M]/[S]); for those, the earliest plausible date is used, because SdI itself
 * applies the checks in force when it receives a file, so an earlier start errs on the side of SdI's verdict.
 */
export interface SpecVersion {
  /** The specification (version) that defines the rule. */
  readonly spec: string
  /** First invoice date (YYYY-MM-DD) the rule applies to. */
  readonly since: string
  /** Why this date. */
  readonly source: string
}

export const SPEC_VERSIONS = {
  /** The controls SdI has run on FatturaPA since it began operating. */
  fatturaPA: {
    spec: 'Specifiche tecniche FatturaPA (DM 55/2013, Allegato A) and later versions',
    since: '2014-06-06',
    source:
      'SdI in operation for e-invoices to the central public administrations from 2014-06-06 (DM 55/2013); the ' +
      'version that first listed each of these codes is unverified, so the start of SdI is used',
  },
  /** Controls that concern the B2B routing (CodiceDestinatario of an SdI channel, PEC, foreign buyers). */
  b2b: {
    spec: 'Specifiche tecniche 1.0 (Provvedimento AdE 89757 of 2018-04-30)',
    since: '2018-07-01',
    source:
      'e-invoicing between private parties through SdI started on 2018-07-01 (fuel, subcontractors of public ' +
      'contracts), generally on 2019-01-01 (Provvedimento 89757/2018); exact version of each code unverified',
  },
  /** The 1.6 document types TD16-TD27 and the controls tied to them. */
  v1_6: {
    spec: 'Specifiche tecniche 1.6 (Provvedimento AdE 99922 of 2020-02-28)',
    since: '2020-10-01',
    source:
      'version 1.6 (new TipoDocumento and Natura codes) usable from 2020-10-01 (date set by Provvedimento 166579 of ' +
      '2020-04-20), mandatory from 2021-01-01',
  },
  /** What became mandatory with 1.6: the generic Natura codes are refused. */
  v1_6Mandatory: {
    spec: 'Specifiche tecniche 1.6 (Provvedimento AdE 99922 of 2020-02-28)',
    since: '2021-01-01',
    source: 'from 2021-01-01 only the detailed codes N2.x, N3.x, N6.x are accepted (FACTS.md §6, code 00445)',
  },
} as const satisfies Record<string, SpecVersion>

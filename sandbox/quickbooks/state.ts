import { SAMPLE_QBO } from '../sample/sample-project.js';
import { Company, type ChangeEvent } from './model/company.js';
import type { ResolvedOptions } from './options.js';
import { OAuthState } from './oauth/oauth-state.js';
import type { RuleContext } from './rules/context.js';
import { SAMPLE_COMPANY_NAME, seedCompany } from './seed.js';

/** Everything the simulator holds: the companies (realms) and the OAuth server's tokens. */
export class QboSandboxState {
  private readonly companies = new Map<string, Company>();
  readonly oauth: OAuthState;

  constructor(readonly options: ResolvedOptions, private readonly onChange: (event: ChangeEvent) => void) {
    this.oauth = new OAuthState(options.oauth, options.now);
  }

  /** A new company; the sample realm is seeded with SAMPLE_QBO unless `seed` is false. */
  createCompany(realmId: string, name = realmId === SAMPLE_QBO.realmId ? SAMPLE_COMPANY_NAME : `Sandbox Company ${realmId}`): Company {
    const existing = this.companies.get(realmId);
    if (existing) return existing;
    const company = new Company(realmId, name, this.options.now);
    if (this.options.seed) seedCompany(company, this.context(company));
    company.onChange(this.onChange); // after seeding: seed data is not "changed" data
    this.companies.set(realmId, company);
    return company;
  }

  company(realmId: string): Company | undefined {
    return this.companies.get(realmId);
  }

  realmIds(): string[] {
    return [...this.companies.keys()];
  }

  context(company: Company, allowDuplicateDocNumber = false): RuleContext {
    return { company, options: this.options.rules, allowDuplicateDocNumber, now: this.options.now() };
  }
}

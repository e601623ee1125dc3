/** The KQL query layer, shared with the repository worker: see src/rule/validate/kql-queries.ts. */
export { checkKqlQueries } from '../rule/validate/kql-queries.ts';

export { ipCaseWorkflow } from './ip-case.workflow';

export { monthlyReportWorkflow } from './monthly-report.workflow';

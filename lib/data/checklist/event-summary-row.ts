/** The columns of a stored CloudTrail event the timeline and the item page's evidence read (not its raw record). */
export interface EventSummaryRow {
  event_id: string;
  event_name: string;
  event_source: string;
  event_time: Date;
  region: string;
  user_type: string | null;
  user_arn: string | null;
  source_ip: string | null;
  error_code: string | null;
  mfa_used: boolean | null;
}

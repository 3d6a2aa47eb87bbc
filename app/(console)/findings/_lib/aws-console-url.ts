/**
 * A deep link to one finding in the AWS console, in the finding's region. The console opens
 * in whatever account the browser is signed in to, so the page names the account next to
 * the link. Security Hub filters its findings list by the finding ARN (the search value is
 * encoded twice, as the console itself writes it); GuardDuty opens the finding by id.
 */
export function awsConsoleUrl(finding: { source: string; sourceId: string; region: string }): string | null {
  const region = encodeURIComponent(finding.region);
  const host = `https://${region}.console.aws.amazon.com`;
  if (finding.source === "securityhub") {
    const search = encodeURIComponent(`Id=${encodeURIComponent(`\\operator\\:EQUALS\\:${finding.sourceId}`)}`);
    return `${host}/securityhub/home?region=${region}#/findings?search=${search}`;
  }
  if (finding.source === "guardduty") {
    return `${host}/guardduty/home?region=${region}#/findings?macros=current&fId=${encodeURIComponent(finding.sourceId)}`;
  }
  return null;
}

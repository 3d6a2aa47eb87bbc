import type { AccountEvidence } from "./evidence";
import type { Service } from "./types";

/**
 * ASFF resource types (prefix match) that prove a service is in use, and control id
 * prefixes used only when a record carries no resource type. Account-level controls (S3.1,
 * EC2.7, ...) carry AwsAccount and so never count as usage: an account-wide setting exists
 * whether or not the service holds anything.
 */
const SERVICE_SIGNATURES: Record<Service, { resourceTypes: string[]; controlPrefixes: string[] }> = {
  ec2: { resourceTypes: ["AwsEc2Instance", "AwsEc2Volume", "AwsSsmPatchCompliance"], controlPrefixes: ["SSM."] },
  vpc: {
    resourceTypes: [
      "AwsEc2SecurityGroup",
      "AwsEc2Vpc",
      "AwsEc2NetworkAcl",
      "AwsEc2Subnet",
      "AwsEc2LaunchTemplate",
      "AwsEc2TransitGateway",
      "AwsEc2Eip",
    ],
    controlPrefixes: [],
  },
  s3: { resourceTypes: ["AwsS3Bucket", "AwsS3AccessPoint"], controlPrefixes: [] },
  rds: { resourceTypes: ["AwsRds"], controlPrefixes: ["RDS."] },
  dynamodb: { resourceTypes: ["AwsDynamoDb"], controlPrefixes: ["DynamoDB."] },
  redshift: { resourceTypes: ["AwsRedshift"], controlPrefixes: ["Redshift."] },
  kms: { resourceTypes: ["AwsKmsKey"], controlPrefixes: [] },
  lambda: { resourceTypes: ["AwsLambdaFunction"], controlPrefixes: ["Lambda."] },
  apigateway: { resourceTypes: ["AwsApiGateway"], controlPrefixes: ["APIGateway."] },
  cloudfront: { resourceTypes: ["AwsCloudFrontDistribution"], controlPrefixes: ["CloudFront."] },
  elb: { resourceTypes: ["AwsElbLoadBalancer", "AwsElbv2LoadBalancer", "AwsAutoScalingAutoScalingGroup"], controlPrefixes: ["ELB."] },
  ecr: { resourceTypes: ["AwsEcrRepository", "AwsEcrContainerImage"], controlPrefixes: ["ECR."] },
  ecs: { resourceTypes: ["AwsEcs"], controlPrefixes: ["ECS."] },
  eks: { resourceTypes: ["AwsEksCluster"], controlPrefixes: ["EKS."] },
  secretsmanager: { resourceTypes: ["AwsSecretsManagerSecret"], controlPrefixes: ["SecretsManager."] },
};

/**
 * Whether any of the services is seen in use: a control result or threat finding on one of
 * its resource types, in any region. Pure judgement from collected data; the caller decides
 * what "not seen" means given the state of Security Hub.
 */
export function isServiceUsed(evidence: AccountEvidence, services: readonly Service[]): boolean {
  let used = USED_SERVICES.get(evidence);
  if (!used) {
    used = collectUsedServices(evidence);
    USED_SERVICES.set(evidence, used);
  }
  return services.some((service) => used.has(service));
}

/**
 * One pass over the evidence per account instead of one per item: accounts can carry tens
 * of thousands of control results. Keyed by object identity; evidence is never mutated.
 */
const USED_SERVICES = new WeakMap<AccountEvidence, Set<Service>>();

function collectUsedServices(evidence: AccountEvidence): Set<Service> {
  const used = new Set<Service>();
  const entries = Object.entries(SERVICE_SIGNATURES) as Array<[Service, (typeof SERVICE_SIGNATURES)[Service]]>;
  const note = (resourceType: string | null, controlId: string | null) => {
    for (const [service, signature] of entries) {
      if (used.has(service)) continue;
      const matches = resourceType
        ? signature.resourceTypes.some((prefix) => resourceType.startsWith(prefix))
        : controlId !== null && signature.controlPrefixes.some((prefix) => controlId.startsWith(prefix));
      if (matches) used.add(service);
    }
  };
  const seen = new Set<string>();
  for (const control of evidence.controls) {
    const key = `${control.resourceType ?? ""}|${control.resourceType ? "" : control.controlId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    note(control.resourceType, control.controlId);
  }
  for (const threat of evidence.threats) if (threat.resourceType !== null) note(threat.resourceType, null);
  return used;
}

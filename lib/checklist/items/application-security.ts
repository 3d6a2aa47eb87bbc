import type { ChecklistItem } from "../types";

const VULNERABILITY_TYPE = "Software and Configuration Checks/Vulnerabilities";

/** Application security: what runs on top of AWS, and the web/API front doors to it. */
export const APPLICATION_SECURITY_ITEMS: ChecklistItem[] = [
  {
    id: "APP-01",
    domain: "application_security",
    title: "Public web entry points are protected by AWS WAF web ACLs that contain rules",
    whyCustomer:
      "Seeds/004: 'Use AWS Shield and AWS WAF for additional protection against DDoS and web application attacks'; seeds/002: customers can use 'AWS Shield and AWS WAF to protect against common web-based attacks'.",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["apigateway", "cloudfront", "elb"] },
    evidence: { kind: "controls" },
    remediation:
      "Associate a WAF web ACL with AWS managed rule groups with each API Gateway stage, CloudFront distribution and ALB; remove empty web ACLs, rules and rule groups.",
    controlIds: ["APIGateway.4", "CloudFront.6", "ELB.16", "WAF.2", "WAF.3", "WAF.4", "WAF.6", "WAF.7", "WAF.8", "WAF.10", "WAF.12"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "APP-02",
    domain: "application_security",
    title: "APIs require authorisation and authenticate to their backends",
    whyCustomer:
      "Seeds/004: 'Secure APIs with Amazon API Gateway, leveraging throttling and AWS WAF (Web Application Firewall) to mitigate abuse.'",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["apigateway"] },
    evidence: { kind: "controls" },
    remediation: "Set an authorizer (IAM, Cognito, JWT, Lambda) on every route and a client certificate for backend authentication.",
    controlIds: ["APIGateway.8", "APIGateway.2"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "APP-03",
    domain: "application_security",
    title: "No open high or critical vulnerabilities in functions and container images",
    whyCustomer:
      "Seeds/002: 'Customers must also ensure that their applications are free of vulnerabilities'; seeds/003: 'Updates the application code to fix vulnerabilities.'",
    severity: "high",
    appliesWhen: { kind: "uses_service", services: ["lambda", "ecr"] },
    evidence: {
      kind: "active_threats",
      source: "securityhub",
      minSeverity: "HIGH",
      typePrefixes: [VULNERABILITY_TYPE],
      resourceTypePrefixes: ["AwsLambdaFunction", "AwsEcrContainerImage"],
      scannerControlIds: ["Inspector.2", "Inspector.3"],
    },
    remediation: "Turn on Inspector ECR and Lambda scanning, then upgrade the vulnerable dependencies it names, rebuild and redeploy.",
    controlIds: ["Inspector.2", "Inspector.3"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "APP-04",
    domain: "application_security",
    title: "Container images are scanned on push",
    whyCustomer: "Seeds/003: 'Conduct vulnerability scans on your workloads and applications.'",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["ecr"] },
    evidence: { kind: "controls" },
    remediation: "Enable scan on push (or Inspector enhanced scanning) on every private ECR repository and tag immutability.",
    controlIds: ["ECR.1", "ECR.2"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "APP-05",
    domain: "application_security",
    title: "No secrets in container environment and no privileged containers",
    whyCustomer:
      "Seeds/003 IaaS/PaaS: the customer manages 'application logic, data, and permissions'; plaintext credentials in task definitions are application code defects.",
    severity: "high",
    appliesWhen: { kind: "uses_service", services: ["ecs"] },
    evidence: { kind: "controls" },
    remediation: "Move credentials to Secrets Manager references, drop privileged mode and host networking from task definitions.",
    controlIds: ["ECS.8", "ECS.4", "ECS.1"],
    legacyControlIds: [],
    cisIds: [],
  },
];

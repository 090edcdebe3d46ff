import { z } from 'zod';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A Kubernetes name that is a DNS-1123 label: namespaces, services, containers. The API server refuses any
 * other, so a runbook carrying one would fail at 3 a.m. instead of at `check`.
 */
export const dnsNameSchema = z
  .string()
  .max(63, 'expected a Kubernetes name (DNS-1123 label) of at most 63 characters')
  .regex(DNS_LABEL, 'expected a Kubernetes name (DNS-1123 label): lowercase letters, digits and "-"');

/** A DNS-1123 subdomain: deployment names may also hold dots. */
export const dnsSubdomainSchema = z
  .string()
  .max(253, 'expected a Kubernetes name (DNS-1123 subdomain) of at most 253 characters')
  .regex(
    DNS_SUBDOMAIN,
    'expected a Kubernetes name (DNS-1123 subdomain): lowercase letters, digits, "-" and "."',
  );

/** A label key (`version`, `app.kubernetes.io/name`), as the API server accepts them. */
export const labelKeySchema = z
  .string()
  .regex(
    /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'expected a Kubernetes label key like "version" or "example.com/color"',
  );

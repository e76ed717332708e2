/**
 * Metrics and autoscaling: a Prometheus-operator ServiceMonitor or PodMonitor for Triton's
 * port 8002, and an autoscaler on a Triton metric, an `autoscaling/v2` HPA (through
 * prometheus-adapter) or a KEDA ScaledObject (a Prometheus query of its own).
 */
import type { KubernetesSettings } from "./settings.js";
import { tritonLabels } from "./triton.js";
import type { Manifest } from "./yaml-file.js";

/** The HPA metric name prometheus-adapter must expose for each metric choice. */
export const HPA_METRICS = {
  pending_requests: "nv_inference_pending_request_count",
  queue_time: "nv_inference_queue_time_per_request_us",
} as const;

/** A Kubernetes quantity for a target: integers as they are, fractions in milli-units. */
function quantity(value: number): string {
  return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}

export function monitor(s: KubernetesSettings): Manifest | undefined {
  if (s.monitoring === "none") return undefined;
  const endpoint = { port: "metrics", path: "/metrics", interval: "15s" };
  if (s.monitoring === "pod_monitor") {
    return {
      file: "podmonitor.yaml",
      header: ["Prometheus scrapes Triton's metrics (port 8002) from every replica; the autoscaler reads them back."],
      object: {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: { name: s.name, labels: tritonLabels(s) },
        spec: { selector: { matchLabels: tritonLabels(s) }, podMetricsEndpoints: [endpoint] },
      },
    };
  }
  return {
    file: "servicemonitor.yaml",
    header: [
      "Prometheus scrapes Triton's metrics (port 8002) from every replica through the headless Service;",
      "the autoscaler reads them back.",
    ],
    object: {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: { name: s.name, labels: tritonLabels(s) },
      spec: { selector: { matchLabels: tritonLabels(s) }, endpoints: [endpoint] },
    },
  };
}

/** PromQL of the metric over this workload's replicas (KEDA): a total for AverageValue, an average for Value. */
function query(s: KubernetesSettings): string {
  const where = `namespace="${s.namespace}",pod=~"${s.name}-[0-9]+"`;
  return s.metric === "pending_requests"
    ? `sum(nv_inference_pending_request_count{${where}})`
    : `sum(rate(nv_inference_queue_duration_us{${where}}[1m])) / clamp_min(sum(rate(nv_inference_request_success{${where}}[1m])), 1)`;
}

/** Scale down slowly: every replica removed restarts the episodes it held. */
const SCALE_DOWN_NOTE =
  "Each replica that leaves restarts the episodes it held, and each that joins takes over about 1/N\nof the running ones: add quickly, remove one at a time, after load has stayed low.";

export function autoscaler(s: KubernetesSettings): Manifest {
  const target = { apiVersion: "apps/v1", kind: "StatefulSet", name: s.name };
  const metricText =
    s.metric === "pending_requests"
      ? `pending requests per replica (target ${s.target})`
      : `average queue time per request (target ${s.target} µs)`;
  if (s.engine === "keda") {
    return {
      file: "keda-scaledobject.yaml",
      header: [`KEDA scales the Triton replicas on ${metricText}, queried from Prometheus.`],
      object: {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name: s.name, labels: tritonLabels(s) },
        spec: {
          scaleTargetRef: target,
          minReplicaCount: s.minReplicas,
          maxReplicaCount: s.maxReplicas,
          cooldownPeriod: 600,
          advanced: {
            horizontalPodAutoscalerConfig: {
              behavior: {
                scaleDown: {
                  stabilizationWindowSeconds: 600,
                  policies: [{ type: "Pods", value: 1, periodSeconds: 300 }],
                },
              },
            },
          },
          triggers: [
            {
              type: "prometheus",
              metricType: s.metric === "pending_requests" ? "AverageValue" : "Value",
              metadata: { serverAddress: s.prometheusUrl, query: query(s), threshold: String(s.target) },
            },
          ],
        },
      },
      notes: [[["spec", "advanced"], SCALE_DOWN_NOTE]],
    };
  }
  const name = HPA_METRICS[s.metric];
  return {
    file: "hpa.yaml",
    header: [
      `Scales the Triton replicas on ${metricText}.`,
      `Needs prometheus-adapter exposing "${name}" as a pods metric, for example the rule:`,
      ...(s.metric === "pending_requests"
        ? [
            '  - seriesQuery: nv_inference_pending_request_count{namespace!="",pod!=""}',
            "    resources: { overrides: { namespace: { resource: namespace }, pod: { resource: pod } } }",
            "    metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)",
          ]
        : [
            '  - seriesQuery: nv_inference_queue_duration_us{namespace!="",pod!=""}',
            "    resources: { overrides: { namespace: { resource: namespace }, pod: { resource: pod } } }",
            `    name: { as: ${name} }`,
            "    metricsQuery: sum(rate(nv_inference_queue_duration_us{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>) / clamp_min(sum(rate(nv_inference_request_success{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>), 1)",
          ]),
    ],
    object: {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: s.name, labels: tritonLabels(s) },
      spec: {
        scaleTargetRef: target,
        minReplicas: s.minReplicas,
        maxReplicas: s.maxReplicas,
        metrics: [
          {
            type: "Pods",
            pods: { metric: { name }, target: { type: "AverageValue", averageValue: quantity(s.target) } },
          },
        ],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] },
          scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: "Pods", value: 1, periodSeconds: 300 }] },
        },
      },
    },
    notes: [[["spec", "behavior"], SCALE_DOWN_NOTE]],
  };
}

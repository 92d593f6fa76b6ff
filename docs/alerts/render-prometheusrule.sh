#!/usr/bin/env bash
# Renders samples/deploy/k8s/prometheusrule.yaml from docs/alerts/*.rules.yml, so the rules Kubernetes
# loads are exactly the ones promtool tests. `--stdout` prints instead of writing (the test uses it).
set -euo pipefail
cd "$(dirname "$0")/../.."
render() {
  cat <<'HEADER'
# Generated from docs/alerts/*.rules.yml by docs/alerts/render-prometheusrule.sh; edit those and re-run.
# kube-prometheus-stack loads PrometheusRules by its release label; adjust `release` to your installation.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: schema-enforcement
  labels:
    release: prometheus
spec:
  groups:
HEADER
  for file in docs/alerts/schema-enforcement.rules.yml docs/alerts/schema-drift.rules.yml docs/alerts/http-validation.rules.yml docs/alerts/pipeline-scaling.rules.yml; do
    # Drop the file's top-level comments and its `groups:` key; indent the groups under spec.
    grep -v -e '^#' -e '^groups:' "$file" | sed -e 's/^\(.\)/  \1/'
  done
}
if [ "${1:-}" = "--stdout" ]; then
  render
else
  render > samples/deploy/k8s/prometheusrule.yaml
fi

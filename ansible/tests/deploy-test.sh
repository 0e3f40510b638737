#!/usr/bin/env bash
# The deploy test (CI runs it; root, a few minutes): ansible-lint, the playbook's syntax, `vagrant validate`, then a
# real deploy of ansible/site.yml onto the lab's hosts (tests/lab.sh: network namespaces with sshd, systemd not
# needed: s4f_supervisor=process) through s4fctl deploy. Checks that a second run changes nothing, that a failed
# task and an unreachable host are one line naming them (exit 1 and 3), and that a capture replayed into the
# deployed collector arrives, every record of it, in the deployed Kafka broker's flows topic; that the deployed
# Elasticsearch answers; and that a job submitted to the deployed Spark master (its executor on the deployed worker)
# turns demo traffic sent to the deployed collector into protocol statistics in the deployed Elasticsearch.
# Everything is torn down afterwards.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root/ansible"
capture=${S4F_DEPLOY_CAPTURE:-$root/../shared/corpus/logstash-codec-netflow/netflow5_test_juniper_mx80.dat}
loops=10
step() { echo "--- deploy test: $*"; }
fail() { echo "deploy test: $*" >&2; exit 1; }

step "ansible-lint"
ansible-lint -q --nocolor
step "ansible-playbook --syntax-check"
ansible-playbook --syntax-check -i inventory.ini.example site.yml
step "vagrant validate"
(cd ../vagrant && vagrant validate --ignore-provider)

step "bundle"
../s4fctl deploy bundle bundle

lab=$(mktemp -d /tmp/s4f-lab.XXXXXX)
chmod 755 "$lab"
trap 'bash tests/lab.sh down "$lab"; rm -rf "$lab"' EXIT
bash tests/lab.sh up "$lab"
producer=$(sed -n 's/^s4f-producer ansible_host=\([^ ]*\).*/\1/p' "$lab/inventory.ini")
consumer=$(sed -n 's/^s4f-consumer ansible_host=\([^ ]*\).*/\1/p' "$lab/inventory.ini")
master=$(sed -n 's/^s4f-master ansible_host=\([^ ]*\).*/\1/p' "$lab/inventory.ini")
controller=172.31.213.1

# s4fctl deploy: a line per task that changed or failed on a host, then a table per host (ok, changed, ...)
deploy() { bash tests/lab.sh run ../s4fctl deploy "$@"; }
changed_of() { awk '$1 == "HOST" {t = 1; next} t && NF == 6 {print $1, $3}' "$1"; }
for run in first second; do
  step "s4fctl deploy -i inventory.ini ($run run)"
  if ! deploy -i "$lab/inventory.ini" --log "$lab/$run.log" > "$lab/$run.out"; then
    cat "$lab/$run.out"; tail -40 "$lab/$run.log" >&2
    fail "the $run run failed (its output above)"
  fi
  if [ "$run" = first ]; then tail -n 3 "$lab/$run.out"; else cat "$lab/$run.out"; fi
done
[ -n "$(changed_of "$lab/second.out")" ] || fail "no summary in the second run's output"
if changed_of "$lab/second.out" | awk '$2 != 0 {bad = 1} END {exit !bad}'; then
  fail "the second run changed something"
fi

step "s4fctl deploy: a failed task and an unreachable host are one line naming host and task"
sed 's/^s4f_supervisor=process$/s4f_supervisor=upstart/' "$lab/inventory.ini" > "$lab/bad-task.ini"
set +e
deploy -i "$lab/bad-task.ini" --limit producer --log "$lab/bad-task.log" > /dev/null 2> "$lab/bad-task.err"
code=$?
set -e
cat "$lab/bad-task.err"
[ "$code" -eq 1 ] && grep -q "s4f-producer: failed at 'common : Check the supervisor choice'" "$lab/bad-task.err" \
  || fail "a failed task: exit $code, expected 1 and a line naming s4f-producer and the task"
{ echo "s4f-gone ansible_host=172.31.213.77"; printf '[producer]\ns4f-gone\n'; sed -n '/^\[all:vars\]/,$p' "$lab/inventory.ini"
  echo "ansible_ssh_timeout=5"; } > "$lab/unreachable.ini"
set +e
deploy -i "$lab/unreachable.ini" --log "$lab/unreachable.log" > /dev/null 2> "$lab/unreachable.err"
code=$?
set -e
cat "$lab/unreachable.err"
[ "$code" -eq 3 ] && grep -q "s4f-gone: unreachable at 'Gathering Facts'" "$lab/unreachable.err" \
  || fail "an unreachable host: exit $code, expected 3 and a line naming s4f-gone"

step "replay $(basename "$capture") x$loops into the deployed collector at $producer"
expected=$(( $(../s4fctl collector decode "$capture" 2>/dev/null | wc -l) * loops ))
bash tests/lab.sh run ../s4fctl replay "$capture" --to "udp://$producer:4739" --loop "$loops"
got=$(bash tests/lab.sh run ../s4fctl kafka tail flows --bootstrap "$producer:9092" --from-beginning \
  --max "$expected" --timeout 60 | wc -l)
echo "records in the deployed broker's flows topic: $got of $expected"
[ "$got" -eq "$expected" ] || fail "expected $expected records in the flows topic, got $got"
step "the deployed Elasticsearch at $consumer answers"
health=$(bash tests/lab.sh run curl -sf "http://$consumer:9200/_cluster/health")
echo "$health"
echo "$health" | grep -Eq '"status":"(green|yellow)"' || fail "Elasticsearch on $consumer is not green or yellow"
step "a job on the deployed Spark master: protocol statistics from the deployed collector in the deployed Elasticsearch"
# the controller's s4fctl, configured for the cluster: the job's driver runs here, its executor on the worker
export S4F_HOME=$lab/controller S4F_KAFKA_BOOTSTRAP=$producer:9092 S4F_ELASTICSEARCH_URL=http://$consumer:9200
mkdir -p "$S4F_HOME"
trap 'bash tests/lab.sh run ../s4fctl job stop protocols >/dev/null 2>&1 || true; bash tests/lab.sh down "$lab"; rm -rf "$lab"' EXIT
bash tests/lab.sh run ../s4fctl job start protocols --master "spark://$master:7077" \
  --spark-conf "spark.driver.host=$controller" --spark-conf spark.cores.max=1
bash tests/lab.sh run ../s4fctl demo --to "udp://$producer:4739" --rate 200 --duration 240 --no-attacks \
  > "$lab/demo.log" 2>&1 &
count=0
for _ in $(seq 1 60); do
  count=$(bash tests/lab.sh run curl -s "http://$consumer:9200/s4f-stats-*/_count?q=type:protocols" \
    | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
  [ "${count:-0}" -gt 0 ] && break
  sleep 5
done
apps=$(bash tests/lab.sh run curl -s "http://$master:8080/json/")
bash tests/lab.sh run ../s4fctl job status protocols
kill %1 2>/dev/null || true
echo "protocol statistics documents in the deployed Elasticsearch: ${count:-0}"
[ "${count:-0}" -gt 0 ] || { tail -20 "$S4F_HOME/jobs/protocols/protocols.log" >&2; fail "no protocol statistics"; }
echo "$apps" | tr -d ' \n' | grep -q '"activeapps":\[{[^]]*"name":"stream4flow-protocols"' \
  || fail "the master lists no running application stream4flow-protocols"
echo "$apps" | tr -d ' \n' | grep -q '"coresused":[1-9]' || fail "no executor on the deployed worker"
bash tests/lab.sh run ../s4fctl job stop protocols
step "passed"

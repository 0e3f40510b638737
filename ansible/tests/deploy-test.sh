#!/usr/bin/env bash
# The deploy test (CI runs it; root, a few minutes): ansible-lint, the playbook's syntax, `vagrant validate`, then a
# real deploy of ansible/site.yml onto the lab's hosts (tests/lab.sh: network namespaces with sshd, systemd not
# needed: s4f_supervisor=process) through s4fctl deploy. Checks that a second run changes nothing, that a failed
# task and an unreachable host are one line naming them (exit 1 and 3), and that a capture replayed into the
# deployed collector arrives, every record of it, in the deployed Kafka broker's flows topic; that the deployed
# Elasticsearch answers; and that a job submitted to the deployed Spark master (its executor on the deployed worker)
# turns demo traffic sent to the deployed collector into protocol statistics in the deployed Elasticsearch. Then the
# same deploy with s4f_security=true (TLS, SASL/SCRAM, passwords): again changed=0 on a second run, clients without
# or with a wrong password refused, the capture, s4fctl flows and query and the job's statistics through the
# secured broker and node, and
# no password in any log, command line or process argument; the job topn, run as a service on the master
# (s4f_jobs), writes its statistics there too and stops gracefully with its service. Everything is torn down.
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
# the controller's files of this deploy (certificates, passwords, s4fctl's configuration) stay in the lab
printf 's4f_secrets_dir=%s\ns4f_client_home=%s\n' "$lab/secrets" "$lab/client" >> "$lab/inventory.ini"
producer=$(sed -n 's/^s4f-producer ansible_host=\([^ ]*\).*/\1/p' "$lab/inventory.ini")
consumer=$(sed -n 's/^s4f-consumer ansible_host=\([^ ]*\).*/\1/p' "$lab/inventory.ini")
master=$(sed -n 's/^s4f-master ansible_host=\([^ ]*\).*/\1/p' "$lab/inventory.ini")
controller=172.31.213.1

# s4fctl deploy: a line per task that changed or failed on a host, then a table per host (ok, changed, ...)
deploy() { bash tests/lab.sh run ../s4fctl deploy "$@"; }
changed_of() { awk '$1 == "HOST" {t = 1; next} t && NF == 6 {print $1, $3}' "$1"; }
# two runs of s4fctl deploy -i INVENTORY; the second must change nothing. $1: inventory, $2: name of the runs
deploy_twice() {
  for run in first second; do
    step "s4fctl deploy -i $(basename "$1") ($2, $run run)"
    if ! deploy -i "$1" --log "$lab/$2-$run.log" > "$lab/$2-$run.out"; then
      cat "$lab/$2-$run.out"; tail -40 "$lab/$2-$run.log" >&2
      fail "the $run run failed (its output above)"
    fi
    if [ "$run" = first ]; then tail -n 3 "$lab/$2-$run.out"; else cat "$lab/$2-$run.out"; fi
  done
  [ -n "$(changed_of "$lab/$2-second.out")" ] || fail "no summary in the second run's output"
  if changed_of "$lab/$2-second.out" | awk '$2 != 0 {bad = 1} END {exit !bad}'; then
    fail "the second run changed something"
  fi
}
deploy_twice "$lab/inventory.ini" plain

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
# the protocols job on the deployed Spark master, its driver here (configured for the cluster by the playbook's
# client configuration, S4F_HOME=$lab/client), its executor on the worker, while demo traffic goes to the deployed
# collector: protocol statistics must appear in the deployed Elasticsearch. $1: curl's options for Elasticsearch
# and its scheme, after them.
job_makes_statistics() {
  local scheme=$1; shift
  export S4F_HOME=$lab/client
  local before
  before=$(bash tests/lab.sh run curl -s "$@" "$scheme://$consumer:9200/s4f-stats-*/_count?q=type:protocols" \
    | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
  bash tests/lab.sh run ../s4fctl job start protocols --master "spark://$master:7077" \
    --spark-conf "spark.driver.host=$controller" --spark-conf spark.cores.max=1 --spark-conf spark.executor.memory=512m
  setsid bash tests/lab.sh run ../s4fctl demo --to "udp://$producer:4739" --rate 200 --duration 240 \
    --no-attacks > "$lab/demo.log" 2>&1 &
  local demo=$! count=0
  for _ in $(seq 1 60); do
    count=$(bash tests/lab.sh run curl -s "$@" "$scheme://$consumer:9200/s4f-stats-*/_count?q=type:protocols" \
      | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
    [ "${count:-0}" -gt "${before:-0}" ] && break
    sleep 5
  done
  local apps
  apps=$(bash tests/lab.sh run curl -s "http://$master:8080/json/")
  bash tests/lab.sh run ../s4fctl job status protocols
  kill -- "-$demo" 2>/dev/null || true
  echo "protocol statistics documents in the deployed Elasticsearch: ${before:-0} before the job, ${count:-0} now"
  [ "${count:-0}" -gt "${before:-0}" ] || { tail -20 "$S4F_HOME/jobs/protocols/protocols.log" >&2
    fail "no protocol statistics"; }
  echo "$apps" | python3 -c 'import json, sys
sys.exit(not any(a["name"] == "stream4flow-protocols" for a in json.load(sys.stdin)["activeapps"]))' \
    || fail "the master lists no running application stream4flow-protocols"
  echo "$apps" | tr -d ' \n' | grep -q '"coresused":[1-9]' || fail "no executor on the deployed worker"
  bash tests/lab.sh run ../s4fctl job stop protocols
}
trap 'S4F_HOME=$lab/client bash tests/lab.sh run ../s4fctl job stop protocols >/dev/null 2>&1 || true
  bash tests/lab.sh down "$lab"; rm -rf "$lab"' EXIT
step "a job on the deployed Spark master: protocol statistics from the deployed collector in the deployed Elasticsearch"
job_makes_statistics http

step "security on: the same hosts with s4f_security=true, and the job topn as a service on the master (s4f_jobs)"
# s4f_jobs on the master's line: inline INI values are Python literals (a list here), [all:vars] ones strings
sed -e 's/^s4f_supervisor=process$/&\ns4f_security=true/' \
  -e "s/^s4f-master .*/& s4f_jobs='[{\"name\":\"topn\",\"params\":{\"window\":\"10s\"}}]'/" \
  "$lab/inventory.ini" > "$lab/secure.ini"
deploy_twice "$lab/secure.ini" secure
es_password=$(cat "$lab/client/elasticsearch.password")
kafka_password=$(cat "$lab/client/kafka.password")
es=(--cacert "$lab/client/ca.crt")
step "Elasticsearch: HTTPS only, no answer without the password or with a wrong one"
code=$(bash tests/lab.sh run curl -s -o /dev/null -w '%{http_code}' "${es[@]}" "https://$consumer:9200/_cluster/health")
[ "$code" = 401 ] || fail "Elasticsearch without credentials: HTTP $code, expected 401"
code=$(bash tests/lab.sh run curl -s -o /dev/null -w '%{http_code}' "${es[@]}" -u "stream4flow:wrong" \
  "https://$consumer:9200/_cluster/health")
[ "$code" = 401 ] || fail "Elasticsearch with a wrong password: HTTP $code, expected 401"
if bash tests/lab.sh run curl -s -o /dev/null "http://$consumer:9200/_cluster/health"; then
  fail "Elasticsearch answers plain HTTP"
fi
health=$(bash tests/lab.sh run curl -sf "${es[@]}" -u "stream4flow:$es_password" "https://$consumer:9200/_cluster/health")
echo "$health" | grep -Eq '"status":"(green|yellow)"' || fail "Elasticsearch with the password: $health"
echo "with the password: $health"
step "Kafka: SASL_SSL only; a client without the password, with a wrong one or without TLS is refused"
S4F_HOME=$lab/client bash tests/lab.sh run ../s4fctl config check > "$lab/check.out" 2>&1 || true
cat "$lab/check.out"
grep -Eq '^kafka .* answers .*SASL_SSL' "$lab/check.out" || fail "s4fctl with the client configuration: no broker"
grep -Eq '^elasticsearch .* answers' "$lab/check.out" || fail "s4fctl with the client configuration: no Elasticsearch"
S4F_HOME=$lab/client S4F_KAFKA_PASSWORD=wrong bash tests/lab.sh run ../s4fctl config check > "$lab/wrong.out" 2>&1 || true
grep -Eq '^kafka .* refused .*(uthentication|credentials)' "$lab/wrong.out" \
  || { cat "$lab/wrong.out"; fail "Kafka with a wrong password was not refused"; }
mkdir -p "$lab/plain-client"
S4F_HOME=$lab/plain-client bash tests/lab.sh run ../s4fctl kafka tail flows --bootstrap "$producer:9092" \
  --from-beginning --max 1 --timeout 15 > "$lab/plain-tail.out" 2> "$lab/plain-tail.err" || true
[ ! -s "$lab/plain-tail.out" ] || fail "a PLAINTEXT client read the flows topic"
echo "refused: Elasticsearch without or with a wrong password, plain HTTP; Kafka with a wrong password, PLAINTEXT"

step "replay $(basename "$capture") x$loops into the deployed collector through the secured broker"
S4F_HOME=$lab/client bash tests/lab.sh run ../s4fctl kafka tail flows --max "$expected" --timeout 90 \
  > "$lab/secure-tail.out" 2> "$lab/secure-tail.err" &
tail_pid=$!
# the tail says "reading" once it has fixed its start offsets: records replayed from then on are all its
for _ in $(seq 1 120); do grep -q '^reading ' "$lab/secure-tail.err" && break; sleep 1; done
bash tests/lab.sh run ../s4fctl replay "$capture" --to "udp://$producer:4739" --loop "$loops"
wait "$tail_pid" || true
got=$(wc -l < "$lab/secure-tail.out")
echo "records through SASL_SSL: $got of $expected"
[ "$got" -eq "$expected" ] || { cat "$lab/secure-tail.err" >&2; fail "expected $expected records, got $got"; }
step "s4fctl flows with the client configuration: the flows through SASL_SSL"
S4F_HOME=$lab/client bash tests/lab.sh run ../s4fctl flows --from-beginning --limit 5 --output json > "$lab/flows.out"
echo "flows read through SASL_SSL: $(wc -l < "$lab/flows.out") of 5"
[ "$(grep -c '"src_ip"' "$lab/flows.out")" -eq 5 ] || { cat "$lab/flows.out"; fail "s4fctl flows: not 5 flows"; }
step "the job with TLS and logins: protocol statistics in the secured Elasticsearch"
job_makes_statistics https "${es[@]}" -u "stream4flow:$es_password"
step "s4fctl query with the client configuration: the statistics through HTTPS with the login"
S4F_HOME=$lab/client bash tests/lab.sh run ../s4fctl query stats --type protocols --since 1h --limit 3 \
  --output json > "$lab/query.out"
echo "statistics documents read through HTTPS: $(grep -Ec '"type" *: *"protocols"' "$lab/query.out")"
grep -Eq '"type" *: *"protocols"' "$lab/query.out" || { cat "$lab/query.out"; fail "s4fctl query stats: no statistics"; }

# the service job-topn (s4fctl job start topn --foreground on the master, from the bundle's jobs.tar, window 10s
# from s4f_jobs' params) makes statistics of demo traffic; a supervisor's stop ends it gracefully
step "the job topn, a service on the deployed master, wrote its statistics into the secured Elasticsearch"
jobs_home=$lab/hosts/master/data/jobs
setsid bash tests/lab.sh run ../s4fctl demo --to "udp://$producer:4739" --rate 200 --duration 240 --no-attacks \
  > "$lab/demo-topn.log" 2>&1 &
demo=$! topn=0
for _ in $(seq 1 40); do
  topn=$(bash tests/lab.sh run curl -s "${es[@]}" -u "stream4flow:$es_password" \
    "https://$consumer:9200/s4f-stats-*/_count?q=type:topn" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
  [ "${topn:-0}" -gt 0 ] && break
  sleep 5
done
kill -- "-$demo" 2>/dev/null || true
S4F_HOME=$jobs_home ../s4fctl job status topn
echo "topn statistics documents written by the service job-topn: ${topn:-0}"
[ "${topn:-0}" -gt 0 ] || { tail -20 "$lab/hosts/master/log/job-topn.log" "$jobs_home/jobs/topn/topn.log" >&2
  fail "no topn statistics from the service job-topn"; }
"$lab/hosts/master/bin/s4f-service" stop job-topn
grep -q "job topn: stopped; checkpoint kept" "$lab/hosts/master/log/job-topn.log" \
  || { tail -5 "$lab/hosts/master/log/job-topn.log" >&2; fail "the service's stop did not stop the job gracefully"; }
S4F_HOME=$jobs_home ../s4fctl job status topn --output json | grep -Eq '"state" *: *"stopped"' \
  || fail "the job topn still runs after its service stopped"

step "no password in the logs, the services' command lines, process arguments or the job's files"
leaks=$(grep -rlF -e "$kafka_password" -e "$es_password" "$lab"/*.log "$lab"/*.out "$lab"/hosts/*/log \
  "$lab"/hosts/*/etc/*.cmd "$lab"/hosts/*/etc/collector.yaml "$lab/client/jobs" "$lab/hosts/master/data/jobs/jobs" \
  2>/dev/null | grep -v '/client.properties$' || true)
[ -z "$leaks" ] || fail "a password appears in: $leaks"
if ps -eo args | grep -F -e "$kafka_password" -e "$es_password" | grep -qv grep; then
  fail "a password appears in a process's arguments"
fi
step "passed"

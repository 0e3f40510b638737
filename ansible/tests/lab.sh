#!/usr/bin/env bash
# The deploy test's hosts on one machine: network namespaces joined by a bridge, each with its own sshd, in
# 172.31.213.0/24, a range that exists only inside them (the machine's own namespace gets no address in it).
#   lab.sh up DIR     makes them (root only); DIR gets the SSH keys, the sshd files and inventory.ini
#   lab.sh down DIR   stops the sshd servers and removes the namespaces (and whatever else runs in them)
#   lab.sh run CMD    runs CMD in the controller's namespace (ansible-playbook reaches the hosts from there)
# The hosts follow the Vagrant lab's plan: producer .2, consumer .3, Spark master .100 (its worker beside it);
# the controller is .1. They share this machine's file system, so each host's install prefix is its own folder.
set -euo pipefail

net=172.31.213
hosts=(producer:2 consumer:3 master:100)
ns() { echo "s4f-lab-$1"; }

up() {
  local dir=$1
  [ "$(id -u)" -eq 0 ] || { echo "lab.sh: network namespaces need root" >&2; exit 1; }
  command -v sshd >/dev/null || [ -x /usr/sbin/sshd ] || { echo "lab.sh: sshd missing (apt-get install openssh-server)" >&2; exit 1; }
  if ip netns list | grep -qw "$(ns net)"; then
    echo "lab.sh: a lab is up already (lab.sh down removes it)" >&2; exit 1
  fi
  mkdir -p "$dir" /run/sshd
  dir=$(cd "$dir" && pwd)
  [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N "" -f "$dir/id_ed25519" -C "stream4flow-lab"
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N "" -f "$dir/host_ed25519" -C "stream4flow-lab-host"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"

  ip netns add "$(ns net)"
  ip netns exec "$(ns net)" ip link add br0 type bridge
  ip netns exec "$(ns net)" ip link set br0 up
  ip netns exec "$(ns net)" ip link set lo up
  local i=0
  for entry in ctl:1 "${hosts[@]}"; do
    local name=${entry%%:*} last=${entry##*:}
    ip netns add "$(ns "$name")"
    ip link add "s4f$i" netns "$(ns "$name")" type veth peer name "p$i" netns "$(ns net)"
    ip netns exec "$(ns net)" ip link set "p$i" master br0 up
    ip netns exec "$(ns "$name")" ip link set lo up
    ip netns exec "$(ns "$name")" ip link set "s4f$i" name eth0
    ip netns exec "$(ns "$name")" ip addr add "$net.$last/24" dev eth0
    ip netns exec "$(ns "$name")" ip link set eth0 up
    i=$((i + 1))
  done
  {
    echo "# the lab's hosts (ansible/tests/lab.sh); the groups of the original Stream4Flow"
    for entry in "${hosts[@]}"; do
      local name=${entry%%:*} last=${entry##*:}
      echo "s4f-$name ansible_host=$net.$last s4f_prefix=$dir/hosts/$name"
    done
    printf '\n[producer]\ns4f-producer\n\n[consumer]\ns4f-consumer\n\n[sparkMaster]\ns4f-master\n\n[sparkSlave]\ns4f-master\n\n'
    echo "[all:vars]"
    echo "ansible_user=root"
    echo "ansible_ssh_private_key_file=$dir/id_ed25519"
    echo "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR'"
    echo "ansible_python_interpreter=/usr/bin/python3"
    echo "s4f_supervisor=process"
    echo "s4f_install_java=false"
  } > "$dir/inventory.ini"
  for entry in "${hosts[@]}"; do
    local name=${entry%%:*} last=${entry##*:}
    mkdir -p "$dir/hosts/$name"
    ip netns exec "$(ns "$name")" /usr/sbin/sshd -f /dev/null -h "$dir/host_ed25519" \
      -o "ListenAddress=$net.$last" -o "PidFile=$dir/sshd-$name.pid" -o "AuthorizedKeysFile=$dir/authorized_keys" \
      -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no -o StrictModes=no -o UsePAM=no \
      -o "Subsystem=sftp internal-sftp" -E "$dir/sshd-$name.log"
  done
  for entry in "${hosts[@]}"; do
    local name=${entry%%:*} last=${entry##*:}
    for _ in $(seq 1 50); do
      if ip netns exec "$(ns ctl)" ssh -i "$dir/id_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=no \
           -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=2 "root@$net.$last" true; then
        continue 2
      fi
      sleep 0.2
    done
    echo "lab.sh: no ssh to $name ($net.$last); its log: $dir/sshd-$name.log" >&2
    exit 1
  done
  echo "lab: ${hosts[*]} on $net.0/24; inventory: $dir/inventory.ini"
}

down() {
  local dir=${1:-}
  for entry in ctl:1 "${hosts[@]}" net:0; do
    local n
    n=$(ns "${entry%%:*}")
    if ip netns list | grep -qw "$n"; then
      # everything still running in the namespace (sshd, deployed services) goes with it
      for pid in $(ip netns pids "$n"); do kill "$pid" 2>/dev/null || true; done
      sleep 0.5
      for pid in $(ip netns pids "$n"); do kill -9 "$pid" 2>/dev/null || true; done
      ip netns delete "$n"
    fi
  done
  [ -z "$dir" ] || rm -f "$dir"/sshd-*.pid
}

case "${1:-}" in
  up) up "${2:?lab.sh up DIR}" ;;
  down) down "${2:-}" ;;
  run) shift; exec ip netns exec "$(ns ctl)" "$@" ;;
  *) echo "usage: lab.sh up DIR | down [DIR] | run CMD..." >&2; exit 2 ;;
esac

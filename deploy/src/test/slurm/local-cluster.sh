#!/usr/bin/env bash
# A throw-away SLURM cluster on this machine for the tests (SlurmIT): its own munged (key and socket
# in DIR), slurmctld, and one slurmd per "node" n1..nN (NodeAddr 127.0.0.1, each on its own port,
# CPUS CPUs each), every file under DIR. Needs root and Debian's slurm-wlm and munge.
#   local-cluster.sh start DIR [NODES] [CPUS]   prints the path of slurm.conf (export it as SLURM_CONF)
#   local-cluster.sh stop DIR                   stops every daemon it started
set -euo pipefail
cmd="${1:?usage: local-cluster.sh start|stop DIR [NODES] [CPUS]}"
dir="$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)"
nodes="${3:-3}"
cpus="${4:-2}"
free_ports() {
  python3 -c 'import socket,sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
[x.bind(("127.0.0.1",0)) for x in s]
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}
stop() {
  # first the jobs, so that no step outlives its slurmd
  if [ -f "$dir/slurm.conf" ] && [ -f "$dir/slurmctld.pid" ]; then
    SLURM_CONF="$dir/slurm.conf" scancel --user="$(id -un)" 2> /dev/null || true
    for _ in $(seq 1 75); do
      [ -z "$(SLURM_CONF="$dir/slurm.conf" squeue -h 2> /dev/null)" ] && break
      sleep 0.2
    done
  fi
  local pids=()
  for f in "$dir"/*.pid; do
    [ -f "$f" ] && pids+=("$(cat "$f" 2> /dev/null)")
  done
  # slurmstepd and the job processes under it (their working folder is in DIR) go with the daemons
  for p in /proc/[0-9]*; do
    case "$(readlink "$p/cwd" 2> /dev/null)" in "$dir"/*) pids+=("${p#/proc/}") ;; esac
  done
  # a batch script left behind (its slurmd gone) takes its session along: srun, the tasks
  for p in $(pgrep -f "$dir/spool/" || true); do
    sid="$(ps -o sid= -p "$p" | tr -d ' ')"
    [ -n "$sid" ] && [ "$sid" != "$(ps -o sid= -p $$ | tr -d ' ')" ] && pkill -9 -s "$sid" 2> /dev/null || true
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  kill "${pids[@]}" 2> /dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "${pids[@]}" 2> /dev/null || break
    sleep 0.1
  done
  kill -9 "${pids[@]}" 2> /dev/null || true
  rm -f "$dir"/*.pid
}
case "$cmd" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "local-cluster.sh: unknown command $cmd" >&2; exit 2 ;;
esac
for tool in munged slurmctld slurmd sbatch; do
  command -v "$tool" > /dev/null || { echo "local-cluster.sh: $tool not found (apt-get install slurm-wlm munge)" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "local-cluster.sh: slurmd must run as root" >&2; exit 3; }
mkdir -p "$dir/state" "$dir/log" "$dir/munge"
chmod 700 "$dir/munge"
head -c 1024 /dev/urandom > "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed"
read -r -a ports <<< "$(free_ports $((nodes + 1)))"
{
  echo "ClusterName=soakbench-test"
  echo "SlurmctldHost=$(hostname)(127.0.0.1)"
  echo "SlurmctldPort=${ports[0]}"
  echo "AuthType=auth/munge"
  echo "CredType=cred/munge"
  echo "AuthInfo=socket=$dir/munge/munge.socket"
  echo "SlurmUser=root"
  echo "SlurmdUser=root"
  echo "StateSaveLocation=$dir/state"
  echo "SlurmdSpoolDir=$dir/spool/%n"
  echo "SlurmctldPidFile=$dir/slurmctld.pid"
  echo "SlurmdPidFile=$dir/slurmd-%n.pid"
  echo "SlurmctldLogFile=$dir/log/slurmctld.log"
  echo "SlurmdLogFile=$dir/log/slurmd-%n.log"
  # no cgroups in a container: processes are tracked by parent pid, tasks are not bound
  echo "ProctrackType=proctrack/linuxproc"
  echo "TaskPlugin=task/none"
  echo "JobAcctGatherType=jobacct_gather/none"
  echo "AccountingStorageType=accounting_storage/none"
  echo "SelectType=select/cons_tres"
  echo "SelectTypeParameters=CR_CPU"
  echo "MpiDefault=none"
  echo "ReturnToService=2"
  # CPUS may exceed the cores (sleeping test splits need none): the configured count stands
  echo "SlurmdParameters=config_overrides"
  echo "KillWait=10"
  echo "MinJobAge=600"
  for i in $(seq 1 "$nodes"); do
    echo "NodeName=n$i NodeHostname=$(hostname) NodeAddr=127.0.0.1 Port=${ports[$i]} CPUs=$cpus RealMemory=1000"
  done
  echo "PartitionName=test Nodes=n[1-$nodes] Default=YES MaxTime=INFINITE State=UP"
} > "$dir/slurm.conf"
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
for i in $(seq 1 "$nodes"); do
  mkdir -p "$dir/spool/n$i"
  slurmd -f "$SLURM_CONF" -N "n$i"
done
# ready when every node is idle
for _ in $(seq 1 100); do
  if [ "$(sinfo -h -o '%t %D' 2>/dev/null)" = "idle $nodes" ]; then
    echo "$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "local-cluster.sh: the nodes did not come up; see $dir/log" >&2
stop
exit 1

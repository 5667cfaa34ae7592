#!/bin/sh
# Installs OpenMPI (runtime, headers, pkg-config) if any part is missing,
# quietly, so CI can call it every time. Needs apt-get and root or sudo.
set -eu

need=""
command -v mpirun.openmpi >/dev/null 2>&1 || need="$need openmpi-bin"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
if ! pkg-config --exists ompi-c 2>/dev/null; then need="$need libopenmpi-dev"; fi
[ -z "$need" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing:$need" >&2
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null

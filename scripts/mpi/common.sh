# Shared by the MPI scripts (sourced, not run): the launcher, the
# transports and a check that each transport exists before launching,
# since a misspelled one fails after seconds with unhelpful ORTE errors.

MPIRUN=${MPIRUN:-mpirun.openmpi}
# --bind-to none: binding a rank to a core makes Go see one CPU.
MPIFLAGS="--allow-run-as-root --oversubscribe --bind-to none"
BTL_SHM="--mca btl self,vader"
# OpenMPI's TCP transport skips loopback unless told to use it.
BTL_TCP="--mca btl self,tcp --mca btl_tcp_if_include lo"

# check_btl fails unless every named btl component is installed.
check_btl() {
	for c in "$@"; do
		if ! ompi_info --parsable 2>/dev/null | grep -q "^mca:btl:$c:"; then
			echo "OpenMPI has no btl component '$c' (see: ompi_info | grep btl)" >&2
			return 1
		fi
	done
}

# strays lists the pids of processes still running the binary $1.
strays() {
	pgrep -f -x "$1( .*)?" || true
}

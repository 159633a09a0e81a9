// The init of every lab container (`lxc.init.cmd`), PID 1 of its PID namespace. It plays what
// sysvinit does on a Debian system without systemd: make what sshd needs, run the runlevel 2
// start scripts (`/etc/rc2.d/S*`, one sequence number at a time: how Debian starts ssh, PostgreSQL and any service a role
// enables with update-rc.d or Ansible's `service: enabled=yes`), then wait. On SIGTERM (the
// node's clean shutdown sets `lxc.signal.halt = SIGTERM`) it runs the runlevel 0 kill scripts
// (`/etc/rc0.d/K*`) so services stop cleanly, and exits. The wait loop wakes once a minute so
// orphaned processes that ended are reaped (dash's `wait` reaps any child).

export const CONTAINER_INIT_PATH = '/sbin/certify-ct-init';

export const CONTAINER_INIT_SCRIPT = `#!/bin/sh
# PID 1 of a Certify lab container (written by the lab's node at create; see docs/lab.md).
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022
# Set before anything starts: PID 1 ignores a signal it has no handler for, so a shutdown that
# comes while the services are still starting would otherwise be lost.
stopping=0
trap 'stopping=1' TERM INT PWR
mkdir -p /run/sshd /run/lock /var/log /tmp /var/tmp
chmod 1777 /tmp /var/tmp
# Each container makes its own sshd host keys on its first boot, in its own layer.
ssh-keygen -q -A
# Scripts of one sequence number start together, as Debian's startpar does; numbers in order.
for sequence in $(ls /etc/rc2.d | grep ^S | cut -c2-3 | sort -u); do
  [ "$stopping" = 0 ] || break
  for script in /etc/rc2.d/S"$sequence"*; do
    [ -x "$script" ] && "$script" start </dev/null >>/var/log/certify-ct-init.log 2>&1 &
  done
  # A signal ends this wait early; wait again so every script of the sequence has finished.
  while ! wait; do :; done
done
while [ "$stopping" = 0 ]; do
  sleep 60 &
  wait $!
done
for script in /etc/rc0.d/K*; do
  [ -x "$script" ] && "$script" stop </dev/null >>/var/log/certify-ct-init.log 2>&1
done
exit 0
`;

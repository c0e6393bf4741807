/**
 * The editable list of network-facing and privileged services vigil follows on Debian hosts.
 * Each entry names the binary package that ships the daemon and the programs it runs; vigil
 * computes the shared-library packages each of them loads (package Depends closure over library
 * packages, confirmed by ELF DT_NEEDED when the files are on disk).
 *
 * To add a service: append an entry. `packages` lists alternative package names that ship it
 * (renames across releases: `dbus` → `dbus-daemon`, `nginx-core` → `nginx`). `binaries` are the
 * absolute paths of its programs inside the root filesystem (both /usr and merged-/usr spellings
 * are tried). `exposure` is `network` for daemons that parse data from the network, `privileged`
 * for root/setuid programs reachable by local users.
 */

export interface PrivilegedService {
  id: string;
  packages: string[];
  binaries: string[];
  exposure: 'network' | 'privileged';
  why: string;
}

export const PRIVILEGED_SERVICES: PrivilegedService[] = [
  {
    id: 'sshd',
    packages: ['openssh-server'],
    binaries: ['/usr/sbin/sshd'],
    exposure: 'network',
    why: 'remote login daemon running as root; the xz-utils backdoor (CVE-2024-3094) reached it through libsystemd0 → liblzma5',
  },
  {
    id: 'systemd',
    packages: ['systemd'],
    binaries: ['/usr/lib/systemd/systemd'],
    exposure: 'privileged',
    why: 'PID 1 and service manager; every library it loads runs as root in every boot',
  },
  {
    id: 'systemd-resolved',
    packages: ['systemd-resolved'],
    binaries: ['/usr/lib/systemd/systemd-resolved'],
    exposure: 'network',
    why: 'parses DNS answers from the network',
  },
  {
    id: 'systemd-timesyncd',
    packages: ['systemd-timesyncd'],
    binaries: ['/usr/lib/systemd/systemd-timesyncd'],
    exposure: 'network',
    why: 'parses NTP answers from the network',
  },
  {
    id: 'udevd',
    packages: ['udev'],
    binaries: ['/usr/lib/systemd/systemd-udevd'],
    exposure: 'privileged',
    why: 'root daemon handling device events',
  },
  {
    id: 'dbus-daemon',
    packages: ['dbus-daemon', 'dbus'],
    binaries: ['/usr/bin/dbus-daemon'],
    exposure: 'privileged',
    why: 'system message bus, root-owned broker between privileged services',
  },
  {
    id: 'polkitd',
    packages: ['polkitd', 'policykit-1'],
    binaries: ['/usr/lib/polkit-1/polkitd'],
    exposure: 'privileged',
    why: 'authorizes privileged actions (CVE-2021-4034 was in its pkexec)',
  },
  {
    id: 'sudo',
    packages: ['sudo', 'sudo-ldap'],
    binaries: ['/usr/bin/sudo'],
    exposure: 'privileged',
    why: 'setuid-root program run by local users',
  },
  {
    id: 'cron',
    packages: ['cron', 'cronie', 'systemd-cron'],
    binaries: ['/usr/sbin/cron'],
    exposure: 'privileged',
    why: 'root daemon running scheduled jobs',
  },
  {
    id: 'nginx',
    packages: ['nginx', 'nginx-core', 'nginx-light', 'nginx-extras', 'nginx-full'],
    binaries: ['/usr/sbin/nginx'],
    exposure: 'network',
    why: 'web server parsing HTTP from the network',
  },
  {
    id: 'apache2',
    packages: ['apache2-bin'],
    binaries: ['/usr/sbin/apache2'],
    exposure: 'network',
    why: 'web server parsing HTTP from the network',
  },
  {
    id: 'haproxy',
    packages: ['haproxy'],
    binaries: ['/usr/sbin/haproxy'],
    exposure: 'network',
    why: 'proxy parsing HTTP/TCP from the network',
  },
  {
    id: 'exim4',
    packages: ['exim4-daemon-light', 'exim4-daemon-heavy'],
    binaries: ['/usr/sbin/exim4'],
    exposure: 'network',
    why: 'mail server accepting SMTP from the network',
  },
  {
    id: 'postfix',
    packages: ['postfix'],
    binaries: ['/usr/lib/postfix/sbin/smtpd', '/usr/lib/postfix/sbin/master'],
    exposure: 'network',
    why: 'mail server accepting SMTP from the network',
  },
  { id: 'dovecot', packages: ['dovecot-core'], binaries: ['/usr/sbin/dovecot'], exposure: 'network', why: 'IMAP/POP server' },
  { id: 'bind9', packages: ['bind9'], binaries: ['/usr/sbin/named'], exposure: 'network', why: 'DNS server' },
  {
    id: 'dhclient',
    packages: ['isc-dhcp-client'],
    binaries: ['/usr/sbin/dhclient'],
    exposure: 'network',
    why: 'root DHCP client parsing network answers',
  },
  {
    id: 'cupsd',
    packages: ['cups-daemon'],
    binaries: ['/usr/sbin/cupsd'],
    exposure: 'network',
    why: 'print server listening on the network',
  },
  { id: 'avahi-daemon', packages: ['avahi-daemon'], binaries: ['/usr/sbin/avahi-daemon'], exposure: 'network', why: 'mDNS responder' },
  { id: 'smbd', packages: ['samba'], binaries: ['/usr/sbin/smbd'], exposure: 'network', why: 'SMB file server' },
  { id: 'vsftpd', packages: ['vsftpd'], binaries: ['/usr/sbin/vsftpd'], exposure: 'network', why: 'FTP server' },
  { id: 'chronyd', packages: ['chrony'], binaries: ['/usr/sbin/chronyd'], exposure: 'network', why: 'NTP client/server' },
  { id: 'snmpd', packages: ['snmpd'], binaries: ['/usr/sbin/snmpd'], exposure: 'network', why: 'SNMP agent' },
];

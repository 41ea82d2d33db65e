/**
 * Constants of the App Container specification v0.8.11 (the final version; see docs/appc.md §1–2): the version
 * berth writes, the os/arch table, the capability names and the isolator catalogue.
 */

/** The spec version berth implements and writes into every manifest. */
export const AC_VERSION = '0.8.11';

/**
 * Valid `arch` values per `os`. The spec prose lists fewer; this is the table of the reference code
 * (`types.ValidOSArch`), which rkt and actool enforce, so `linux`/`aarch64` images are not rejected.
 */
export const VALID_OS_ARCH: Readonly<Record<string, readonly string[]>> = {
  darwin: ['x86_64', 'i386'],
  freebsd: ['amd64', 'i386', 'arm'],
  linux: ['amd64', 'i386', 'aarch64', 'aarch64_be', 'armv6l', 'armv7l', 'armv7b', 'ppc64', 'ppc64le', 's390x'],
};

/** The 14 capabilities every app keeps unless told otherwise (the same set as Docker's default). */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CAP_AUDIT_WRITE', 'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_KILL', 'CAP_MKNOD',
  'CAP_NET_RAW', 'CAP_NET_BIND_SERVICE', 'CAP_SETUID', 'CAP_SETGID', 'CAP_SETPCAP', 'CAP_SETFCAP', 'CAP_SYS_CHROOT',
];

/** Every capability rkt's stage1 knows (Linux up to CAP_AUDIT_READ, 38 names), in kernel order. */
export const ALL_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ',
];

export const ISOLATOR = {
  cpu: 'resource/cpu',
  memory: 'resource/memory',
  blockBandwidth: 'resource/block-bandwidth',
  blockIops: 'resource/block-iops',
  networkBandwidth: 'resource/network-bandwidth',
  capsRetain: 'os/linux/capabilities-retain-set',
  capsRemove: 'os/linux/capabilities-remove-set',
  noNewPrivileges: 'os/linux/no-new-privileges',
  seccompRemove: 'os/linux/seccomp-remove-set',
  seccompRetain: 'os/linux/seccomp-retain-set',
  selinux: 'os/linux/selinux-context',
  oomScoreAdj: 'os/linux/oom-score-adj',
  cpuShares: 'os/linux/cpu-shares',
  sysctl: 'os/unix/sysctl',
} as const;

/** Where an isolator may appear: in an app, at pod level, or both (spec §isolators). */
export const ISOLATOR_SCOPE: Readonly<Record<string, 'app' | 'pod' | 'both'>> = {
  [ISOLATOR.cpu]: 'both',
  [ISOLATOR.memory]: 'both',
  [ISOLATOR.blockBandwidth]: 'both',
  [ISOLATOR.blockIops]: 'both',
  [ISOLATOR.networkBandwidth]: 'both',
  [ISOLATOR.capsRetain]: 'app',
  [ISOLATOR.capsRemove]: 'app',
  [ISOLATOR.noNewPrivileges]: 'app',
  [ISOLATOR.seccompRemove]: 'app',
  [ISOLATOR.seccompRetain]: 'app',
  [ISOLATOR.selinux]: 'both',
  [ISOLATOR.oomScoreAdj]: 'app',
  [ISOLATOR.cpuShares]: 'app',
  [ISOLATOR.sysctl]: 'pod',
};

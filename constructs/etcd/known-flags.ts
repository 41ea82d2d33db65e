/**
 * Every flag of etcd 3.4 (from `etcd --help` of 3.4.23). etcd refuses to start with a flag it does not know, so an
 * extra flag outside this list would crash-loop every member; other versions add and remove flags, so the list is
 * only checked for 3.4.
 */
export const ETCD_3_4_FLAGS: ReadonlySet<string> = new Set(
  (
    'name data-dir wal-dir snapshot-count heartbeat-interval election-timeout initial-election-tick-advance ' +
    'listen-peer-urls listen-client-urls max-snapshots max-wals quota-backend-bytes backend-batch-interval ' +
    'backend-batch-limit max-txn-ops max-request-bytes max-concurrent-streams grpc-keepalive-min-time ' +
    'grpc-keepalive-interval grpc-keepalive-timeout initial-advertise-peer-urls initial-cluster initial-cluster-state ' +
    'initial-cluster-token advertise-client-urls discovery discovery-fallback discovery-proxy discovery-srv ' +
    'discovery-srv-name strict-reconfig-check pre-vote auto-compaction-retention auto-compaction-mode enable-v2 ' +
    'cert-file key-file client-cert-auth client-crl-file client-cert-allowed-hostname trusted-ca-file auto-tls ' +
    'peer-cert-file peer-key-file peer-client-cert-auth peer-trusted-ca-file peer-cert-allowed-cn ' +
    'peer-cert-allowed-hostname peer-auto-tls peer-crl-file cipher-suites cors host-whitelist auth-token bcrypt-cost ' +
    'auth-token-ttl enable-pprof metrics listen-metrics-urls logger log-outputs log-level proxy proxy-failure-wait ' +
    'proxy-refresh-interval proxy-dial-timeout proxy-write-timeout proxy-read-timeout experimental-initial-corrupt-check ' +
    'experimental-corrupt-check-time experimental-enable-v2v3 experimental-backend-bbolt-freelist-type ' +
    'experimental-enable-lease-checkpoint experimental-compaction-batch-limit ' +
    'experimental-peer-skip-client-san-verification experimental-watch-progress-notify-interval ' +
    'experimental-warning-apply-duration force-new-cluster debug log-package-levels'
  ).split(' '),
);

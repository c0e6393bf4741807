/**
 * What an imported or referenced symbol lets code do. The classes model behaviour (reach into the
 * dynamic linker, change page protections, run programs, talk to the network), not any incident.
 */
export type SymbolClass = 'linker' | 'memory-protection' | 'exec' | 'network' | 'crypto' | 'cpu-features' | 'environment';

/** Reads of CPU-feature data: what a benign IFUNC resolver does. Checked before `linker`. */
const CPU =
  /^(__cpu_indicator_init|__cpu_model|__cpu_features2?|__get_cpu_features|__x86_get_cpu_features|_dl_x86_get_cpu_features|_dl_x86_cpu_features|_rtld_global_ro|getauxval|__getauxval|__aarch64_cpu_features|__init_cpu_features(_resolver)?|_dl_hwcap2?|_dl_platform|sysconf|__sysconf|__x86_shared_non_temporal_threshold)$/;
const LINKER =
  /^(_r_debug|_dl_\w+|_rtld_global|_rtld_local|dl_iterate_phdr|dladdr1?|dlinfo|dlsym|dlvsym|dlopen|dlmopen|dlclose|__libc_dl(sym|vsym|open|open_mode|close)|la_(version|objopen|objclose|symbind32|symbind64|preinit|activity|objsearch|pltenter|pltexit)|_GLOBAL_OFFSET_TABLE_|_DYNAMIC)$/;
const MEMPROT = /^(mprotect|pkey_mprotect|mmap|mmap64|mremap|__mprotect|__mmap|process_vm_writev|ptrace)$/;
const EXEC =
  /^(system|popen|execl|execle|execlp|execv|execve|execveat|execvp|execvpe|fexecve|posix_spawnp?|fork|vfork|clone|clone3|__libc_system|wordexp)$/;
const NETWORK =
  /^(socket|socketpair|connect|bind|listen|accept4?|getaddrinfo|gethostbyname2?|gethostbyname_r|sendto|sendmsg|recvfrom|recvmsg|res_query|res_search|inet_pton|inet_addr)$/;
const CRYPTO =
  /^(EVP_\w+|RSA_\w+|EC_KEY_\w+|ECDSA_\w+|BN_\w+|HMAC\w*|SHA(1|224|256|384|512)(_\w+)?|MD5(_\w+)?|ChaCha20\w*|chacha20\w*|ed25519\w*|x25519\w*|curve25519\w*|crypto_\w+|gcry_\w+|gnutls_\w+|mbedtls_\w+)$/;
const ENV = /^(getenv|secure_getenv|__secure_getenv|__environ|environ)$/;

/** Strip a version suffix (`dlsym@GLIBC_2.2.5`). */
export const bareName = (s: string): string => s.replace(/@.*$/, '');

export function classify(symbol: string): SymbolClass | undefined {
  const s = bareName(symbol);
  if (CPU.test(s)) return 'cpu-features';
  if (LINKER.test(s)) return 'linker';
  if (MEMPROT.test(s)) return 'memory-protection';
  if (EXEC.test(s)) return 'exec';
  if (NETWORK.test(s)) return 'network';
  if (CRYPTO.test(s)) return 'crypto';
  if (ENV.test(s)) return 'environment';
  return undefined;
}

/** Runtime helpers a compiler may call from any function (stack protector, TLS): not "unrelated code". */
export const COMPILER_HELPERS =
  /^(__stack_chk_fail|__tls_get_addr|__cxa_finalize|__gmon_start__|_ITM_\w+|abort|__assert_fail|__cxa_atexit|__memcpy_chk|__memset_chk|memcpy|memset|__x86\.get_pc_thunk\.\w+)$/;

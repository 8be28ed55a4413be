"""One test of receivers-trace.sh: PREFIX.txt (perf script), PREFIX.json (the iperf3 client's -J),
PREFIX.cpid (the client's pid). Prints the figures described in receivers-trace.sh."""
import json
import re
import sys
from collections import Counter

pre = sys.argv[1]
cpid = open(pre + '.cpid').read().strip()
reported = json.load(open(pre + '.json'))['end']['sum']['jitter_ms']
line = re.compile(r'\s*(\S.*?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s*(.*)')
ev = []
for l in open(pre + '.txt'):
    m = line.match(l)
    if m:
        comm, tid, cpu, ts, name, rest = m.groups()
        ev.append((float(ts) * 1e6, tid, int(cpu), name, rest))
# the client's writes of a 32 KiB datagram (write or sendto), in µs
sends = [(ts, cpu) for ts, tid, cpu, name, rest in ev
         if tid == cpid and name == 'raw_syscalls:sys_enter' and re.match(r'NR (1|44) ', rest) and ', 8000,' in rest]
# the receiver: the thread whose reads returned 32 KiB most often
rt = Counter(tid for ts, tid, cpu, name, rest in ev
             if name == 'raw_syscalls:sys_exit' and rest.endswith('= 32768') and tid != cpid).most_common(1)[0][0]
reads, cur = [], {}
for ts, tid, cpu, name, rest in ev:
    if name == 'sched:sched_waking' and ('pid=%s ' % rt) in rest:
        cur['W'] = ts
    elif name == 'sched:sched_switch' and ('next_pid=%s ' % rt) in rest:
        cur['X'], cur['cpu'] = ts, cpu
    elif tid == rt and name == 'raw_syscalls:sys_exit' and rest.endswith('= 32768'):
        cur['E'] = ts
        reads.append(cur)
        cur = {}
# each send with the first read returning after it
pairs, k = [], 0
for s in sends:
    while k < len(reads) and reads[k]['E'] < s[0]:
        k += 1
    if k < len(reads):
        pairs.append((s, reads[k]))
        k += 1


def jitter(v):
    j = 0.0
    for i in range(1, len(v)):
        j += (abs(v[i] - v[i - 1]) - j) / 16
    return j / 1000


transit = [r['E'] - s[0] for s, r in pairs]
full = [(s, r) for s, r in pairs if 'W' in r and 'X' in r]
med = sorted(transit)[len(transit) // 2]
late = [(i, round(t)) for i, t in enumerate(transit) if t > med + 15]
print('%-24s reported %.4f  kernel %.4f  parts %.4f %.4f %.4f  other CPU %d of %d  late (index, us): %s' % (
    pre.rsplit('/', 1)[-1], reported, jitter(transit),
    jitter([r['W'] - s[0] for s, r in full]), jitter([r['X'] - r['W'] for s, r in full]),
    jitter([r['E'] - r['X'] for s, r in full]),
    sum(1 for s, r in full if r['cpu'] != s[1]), len(pairs), late))

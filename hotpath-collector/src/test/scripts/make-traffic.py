#!/usr/bin/python3
"""Write a deterministic traffic capture for feeding flow exporters (softflowd, pmacctd).

The same seed and parameters always give a byte-identical pcap (Ethernet link type, microsecond
timestamps). Flows are spread over --duration seconds starting at --start (epoch seconds) so that
exporters with inactive/active timeouts of a few seconds expire them while reading the file.

Flow kinds (chosen per flow from the seeded generator):
  tcp4 / tcp6   three-way handshake, a few data segments both ways (PSH|ACK), then FIN/ACK close
  tcp4-rst      handshake, one request, reset by the server (RST|ACK)
  tcp4-syn      unanswered SYN (one packet, a scan probe) or SYN answered by RST
  udp4 / udp6   DNS-like request/response pairs (port 53) or a one-way UDP stream
  icmp4 / icmp6 echo request / echo reply pairs
  long-tcp4     a TCP session whose packets span up to half the capture (exercises active timeout)

Usage: /usr/bin/python3 make-traffic.py --out traffic.pcap [--seed 1] [--flows 300]
       [--duration 120] [--start 1700000000]
Prints one summary line: packets, flows and per-protocol packet counts.
Needs scapy (Debian: python3-scapy); run it with /usr/bin/python3.
"""
import argparse
import random
import sys

from scapy.layers.inet import ICMP, IP, TCP, UDP
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6EchoRequest, IPv6
from scapy.layers.l2 import Ether
from scapy.packet import Raw
from scapy.utils import wrpcap

CLIENT_MAC = "02:00:00:00:00:01"
SERVER_MAC = "02:00:00:00:00:02"

KINDS = [  # (kind, weight)
    ("tcp4", 30), ("tcp4-rst", 6), ("tcp4-syn", 8), ("long-tcp4", 3),
    ("udp4", 20), ("icmp4", 8), ("tcp6", 10), ("udp6", 10), ("icmp6", 5),
]


class Flow:
    """Collects (time, frame) pairs of one conversation between a client and a server."""

    def __init__(self, rnd, t0, v6):
        self.rnd = rnd
        self.t = t0
        self.v6 = v6
        self.frames = []
        if v6:
            self.cli = "2001:db8:1::%x" % rnd.randint(1, 0xfff)
            self.srv = "2001:db8:2::%x" % rnd.randint(1, 0xfff)
        else:
            self.cli = "10.1.%d.%d" % (rnd.randint(0, 15), rnd.randint(1, 254))
            self.srv = "192.0.2.%d" % rnd.randint(1, 254)

    def ip(self, from_client):
        src, dst = (self.cli, self.srv) if from_client else (self.srv, self.cli)
        if self.v6:
            return IPv6(src=src, dst=dst, hlim=64)
        return IP(src=src, dst=dst, ttl=64, id=self.rnd.randint(0, 0xffff))

    def emit(self, from_client, l4, gap):
        self.t += gap
        smac, dmac = (CLIENT_MAC, SERVER_MAC) if from_client else (SERVER_MAC, CLIENT_MAC)
        frame = Ether(src=smac, dst=dmac) / self.ip(from_client) / l4
        # integer microseconds keep the output byte-identical across runs and platforms
        self.frames.append((round(self.t * 1e6), frame))

    def gap(self, lo=0.0005, hi=0.05):
        return self.rnd.uniform(lo, hi)


def payload(rnd, n):
    return Raw(bytes(rnd.getrandbits(8) for _ in range(n)))


def tcp_session(f, rnd, data_rounds, close, long_gaps=False):
    cport, sport = rnd.randint(1024, 65535), rnd.choice([22, 80, 443, 8080, 25])
    cseq, sseq = rnd.getrandbits(32), rnd.getrandbits(32)
    f.emit(True, TCP(sport=cport, dport=sport, flags="S", seq=cseq), 0)
    f.emit(False, TCP(sport=sport, dport=cport, flags="SA", seq=sseq, ack=cseq + 1), f.gap())
    cseq, sseq = cseq + 1, sseq + 1
    f.emit(True, TCP(sport=cport, dport=sport, flags="A", seq=cseq, ack=sseq), f.gap())
    for _ in range(data_rounds):
        gap = rnd.uniform(2.0, 9.0) if long_gaps else f.gap()
        n = rnd.randint(20, 400)
        f.emit(True, TCP(sport=cport, dport=sport, flags="PA", seq=cseq, ack=sseq) / payload(rnd, n), gap)
        cseq += n
        m = rnd.randint(100, 1400)
        f.emit(False, TCP(sport=sport, dport=cport, flags="PA", seq=sseq, ack=cseq) / payload(rnd, m), f.gap())
        sseq += m
        if rnd.random() < 0.3:
            f.emit(True, TCP(sport=cport, dport=sport, flags="A", seq=cseq, ack=sseq), f.gap())
    if close == "fin":
        f.emit(True, TCP(sport=cport, dport=sport, flags="FA", seq=cseq, ack=sseq), f.gap())
        f.emit(False, TCP(sport=sport, dport=cport, flags="FA", seq=sseq, ack=cseq + 1), f.gap())
        f.emit(True, TCP(sport=cport, dport=sport, flags="A", seq=cseq + 1, ack=sseq + 1), f.gap())
    elif close == "rst":
        f.emit(False, TCP(sport=sport, dport=cport, flags="RA", seq=sseq, ack=cseq), f.gap())


def make_flow(kind, rnd, t0):
    v6 = kind.endswith("6")
    f = Flow(rnd, t0, v6)
    if kind in ("tcp4", "tcp6"):
        tcp_session(f, rnd, rnd.randint(1, 6), "fin")
    elif kind == "tcp4-rst":
        tcp_session(f, rnd, 1, "rst")
    elif kind == "long-tcp4":
        tcp_session(f, rnd, rnd.randint(4, 8), "fin", long_gaps=True)
    elif kind == "tcp4-syn":
        cport, dport = rnd.randint(1024, 65535), rnd.randint(1, 1024)
        f.emit(True, TCP(sport=cport, dport=dport, flags="S", seq=rnd.getrandbits(32)), 0)
        if rnd.random() < 0.5:
            f.emit(False, TCP(sport=dport, dport=cport, flags="RA", seq=0, ack=1), f.gap())
    elif kind in ("udp4", "udp6"):
        cport = rnd.randint(1024, 65535)
        if rnd.random() < 0.6:
            for _ in range(rnd.randint(1, 3)):
                f.emit(True, UDP(sport=cport, dport=53) / payload(rnd, rnd.randint(30, 60)), f.gap(0.01, 0.5))
                f.emit(False, UDP(sport=53, dport=cport) / payload(rnd, rnd.randint(60, 300)), f.gap())
        else:
            dport = rnd.choice([123, 514, 5004, 9999])
            for _ in range(rnd.randint(2, 20)):
                f.emit(True, UDP(sport=cport, dport=dport) / payload(rnd, rnd.randint(40, 1200)), f.gap(0.01, 0.3))
    elif kind in ("icmp4", "icmp6"):
        ident = rnd.randint(0, 0xffff)
        for seq in range(rnd.randint(1, 5)):
            data = payload(rnd, 56)
            if v6:
                f.emit(True, ICMPv6EchoRequest(id=ident, seq=seq) / data, f.gap(0.5, 1.0))
                f.emit(False, ICMPv6EchoReply(id=ident, seq=seq) / data, f.gap())
            else:
                f.emit(True, ICMP(type=8, id=ident, seq=seq) / data, f.gap(0.5, 1.0))
                f.emit(False, ICMP(type=0, id=ident, seq=seq) / data, f.gap())
    else:
        raise ValueError(kind)
    return f.frames


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--flows", type=int, default=300)
    ap.add_argument("--duration", type=float, default=120.0, help="seconds the capture spans")
    ap.add_argument("--start", type=int, default=1700000000, help="epoch seconds of the first packet")
    args = ap.parse_args()

    rnd = random.Random(args.seed)
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    frames = []
    for _ in range(args.flows):
        kind = rnd.choices(kinds, weights)[0]
        # long flows start early so they stay inside the capture
        latest = args.duration * (0.4 if kind == "long-tcp4" else 0.9)
        frames.extend(make_flow(kind, rnd, args.start + rnd.uniform(0, latest)))
    frames.sort(key=lambda tf: tf[0])  # stable: equal times keep flow order

    out = []
    counts = {}
    for micros, frame in frames:
        frame.time = micros // 1_000_000 + (micros % 1_000_000) / 1e6
        out.append(frame)
        name = frame.payload.payload.__class__.__name__
        counts[name] = counts.get(name, 0) + 1
    wrpcap(args.out, out, linktype=1)
    summary = " ".join("%s=%d" % kv for kv in sorted(counts.items()))
    print("packets=%d flows=%d %s" % (len(out), args.flows, summary))


if __name__ == "__main__":
    sys.exit(main())

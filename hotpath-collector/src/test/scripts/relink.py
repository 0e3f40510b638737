#!/usr/bin/python3
"""Rewrite the Ethernet frames of a pcap into another link type, keeping timestamps and IP packets.

Used by the capture reader's tool tests to get real files of each link type from one capture.

Usage: /usr/bin/python3 relink.py IN.pcap OUT.pcap KIND
KIND: sll (113), sll2 (276), raw (101), null (0, little-endian family), vlan (Ethernet with an
802.1ad tag and an 802.1Q tag). Needs scapy (Debian: python3-scapy).
"""
import struct
import sys

from scapy.layers.l2 import CookedLinux, CookedLinuxV2, Dot1AD, Dot1Q, Ether
from scapy.packet import Raw
from scapy.utils import PcapReader, PcapWriter

LINKTYPES = {"sll": 113, "sll2": 276, "raw": 101, "null": 0, "vlan": 1}


def relink(frame, kind):
    ip = frame.payload
    ethertype = frame.type
    if kind == "sll":
        return CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=b"\x02\x00\x00\x00\x00\x01\x00\x00",
                           proto=ethertype) / ip
    if kind == "sll2":
        return CookedLinuxV2(proto=ethertype, ifindex=2, lladdrtype=1, pkttype=0, lladdrlen=6,
                             src=b"\x02\x00\x00\x00\x00\x01\x00\x00") / ip
    if kind == "raw":
        return ip
    if kind == "null":
        family = 2 if ethertype == 0x0800 else 30
        return Raw(struct.pack("<I", family) + bytes(ip))
    if kind == "vlan":
        return Ether(src=frame.src, dst=frame.dst) / Dot1AD(vlan=10) / Dot1Q(vlan=20, type=ethertype) / ip
    raise ValueError(kind)


def main():
    src, dst, kind = sys.argv[1:4]
    with PcapReader(src) as reader, PcapWriter(dst, linktype=LINKTYPES[kind], sync=False) as writer:
        for frame in reader:
            out = relink(frame, kind)
            out.time = frame.time
            writer.write(out)


if __name__ == "__main__":
    main()

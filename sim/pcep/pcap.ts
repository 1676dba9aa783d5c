/**
 * Capture files: writing simulated PCEP sessions as libpcap files (pcap-writer.ts) and reading
 * PCEP sessions back out of pcap/pcapng captures (pcap-reader.ts). One import for both.
 */
export * from './pcap-writer.ts';
export * from './pcap-reader.ts';

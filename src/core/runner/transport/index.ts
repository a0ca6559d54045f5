/**
 * Distributed mode's transport: ZMTP 3.1 DEALER and ROUTER sockets on Bun TCP, and Locust's msgpack envelope.
 * Speaks to pyzmq/libzmq peers, so locust-bun and Locust masters and workers can be mixed.
 * @module
 */
export { DealerSocket, type DealerSocketOptions, type DealerState } from "./dealer-socket.ts";
export { RouterSocket, type RouterSocketOptions } from "./router-socket.ts";
export { decodeMessage, encodeMessage, type LocustMessage } from "./message-codec.ts";
export { DEFAULT_MAX_MESSAGE_SIZE, ZmtpDecoder, type ZmtpEvent } from "./zmtp-decoder.ts";
export { ZmtpProtocolError, type ZmtpCommand, type ZmtpGreeting } from "./zmtp-frames.ts";

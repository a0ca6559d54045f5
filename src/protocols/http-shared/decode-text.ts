/** One decoder per charset label, shared by every response of the process. */
const decoders = new Map<string, TextDecoder>();

function decoderFor(contentType: string | null): TextDecoder {
  const label = /charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? "utf-8";
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      // An unknown charset label: UTF-8 is the most useful guess (requests would guess too).
      decoder = decoders.get("utf-8") ?? new TextDecoder();
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/** Decodes a response body with the charset its Content-Type names (UTF-8 when none, or an unknown one). */
export function decodeText(contentType: string | null, body: Uint8Array): string {
  return decoderFor(contentType).decode(body);
}

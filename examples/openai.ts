// OpenAIUser: streamed and plain chat, a text completion, tokens as length and TTFT rows. Run: bunx locust-bun -f examples/openai.ts --host http://127.0.0.1:8000/v1 --headless -u 4 -t 30s
import { between, task } from "locust-bun";
import { OpenAIUser } from "locust-bun/openai";

const QUESTIONS = ["What is a load test?", "Name three HTTP methods.", "Explain TCP keep-alive in one sentence."];

export class ChatUser extends OpenAIUser {
  // Used when --host is not given (vLLM's default port). The API key defaults to $OPENAI_API_KEY; local servers need none.
  static override baseUrl = "http://127.0.0.1:8000/v1";
  static override model = process.env.OPENAI_MODEL ?? "Qwen/Qwen2.5-0.5B-Instruct";
  // Seconds without a byte before a call fails: a slow but live stream is fine.
  static override timeout = 60;
  override waitTime = between(1, 3);

  @task(5)
  async streamedChat() {
    const question = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!;
    // Reported as POST "/v1/chat/completions" (time until [DONE], length = output tokens from the final usage
    // chunk) plus TTFT "/v1/chat/completions" (time to the first token).
    const reply = await this.client.chat({
      messages: [{ role: "user", content: question }],
      stream: true,
      maxTokens: 128,
      temperature: 0.7,
    });
    // undefined means the call failed and was counted; the reply's numbers match what was reported.
    if (reply && reply.finishReason === "length") console.log(`cut after ${reply.outputTokens} tokens`);
  }

  @task(2)
  async shortAnswer() {
    // Not streamed: one POST row under its own name, no TTFT row. Extra API fields go through `extra`.
    await this.client.chat({
      messages: [{ role: "system", content: "Answer in one word." }, { role: "user", content: "Capital of France?" }],
      maxTokens: 8,
      name: "chat (one word)",
      extra: { top_p: 0.9 },
    });
  }

  @task
  async legacyCompletion() {
    // POST /v1/completions; every call inside renameRequest is grouped under one name.
    await this.client.renameRequest("completion", () => this.client.complete({ prompt: "Once upon a time", stream: true, maxTokens: 32 }));
  }
}

import { events, User } from "locust-bun";
console.log(import.meta.resolve("locust-bun"), typeof User, events.request.listenerCount);

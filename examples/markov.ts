// MarkovTaskSet: a shopper who moves between pages with weighted transitions. Run: bun run demo -- -f examples/markov.ts
import { HttpUser, MarkovTaskSet, constant, transition, transitions } from "locust-bun";

class Shopping extends MarkovTaskSet<HttpUser> {
  // The first method with transitions is where the chain starts.
  @transition("browse")
  home() {
    return this.client.get("/");
  }

  @transitions({ item: 3, cart: 1, home: 1 })
  browse() {
    return this.client.get("/items");
  }

  @transitions([["browse", 2], "cart"])
  item() {
    return this.client.get(`/items/${Math.floor(Math.random() * 50)}`, { name: "/items/[id]" });
  }

  @transition("browse", 2)
  @transition("home")
  cart() {
    return this.client.post("/cart", { json: { id: 7 } });
  }
}

export class Shopper extends HttpUser {
  static tasks = [Shopping];
  waitTime = constant(0.1);
}

# Locust's side of bench/http.ts (used only when `locust` is installed): the same one-GET task, no wait.
from locust import task
from locust.contrib.fasthttp import FastHttpUser


class FastUser(FastHttpUser):
    @task
    def get(self):
        self.client.get("/")

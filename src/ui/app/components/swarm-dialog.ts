import type { CustomOptionField } from "../../boot-config.ts";
import { postSwarm } from "../api.ts";
import type { Store } from "../state.ts";

/** What the edit dialog changes mid-run: the user ramp, or an arrival-rate run's rate and pool ceiling. */
const EDITABLE_FIELDS = ["user_count", "spawn_rate", "arrival_rate", "max_users"];

/** The start / edit dialog. */
export interface SwarmDialog {
  open(mode: "start" | "edit"): void;
}

/**
 * The form that starts a test (users, ramp-up, host, run time, tags, user classes with --class-picker) or, in
 * edit mode, changes users and ramp-up mid-run. Fields keep Locust's names, so the form posts what Locust's does.
 */
export function createSwarmDialog(store: Store): SwarmDialog {
  const dialog = document.getElementById("swarm-dialog") as HTMLDialogElement;
  const form = document.getElementById("swarm-form") as HTMLFormElement;
  const error = document.getElementById("swarm-error")!;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const { config } = store.state;
  let mode: "start" | "edit" = "start";
  fillDefaults(form, store);

  document.getElementById("swarm-cancel")!.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== "string") continue;
      const startOnly = !EDITABLE_FIELDS.includes(name);
      if (mode === "edit" && startOnly) continue;
      fields.append(name, value);
    }
    if (mode === "start" && config.classPicker && !fields.has("user_classes")) {
      error.hidden = false;
      error.textContent = "Select at least one user class.";
      return;
    }
    // An unticked checkbox posts nothing; a custom flag must still be able to turn false.
    if (mode === "start") for (const box of form.querySelectorAll<HTMLInputElement>("#swarm-custom input[type=checkbox]")) fields.set(box.name, String(box.checked));
    const answer = await postSwarm(fields);
    error.hidden = answer.success;
    error.textContent = answer.success ? "" : answer.message;
    if (answer.success) dialog.close();
  });

  return {
    open(next) {
      mode = next;
      const editing = next === "edit";
      document.getElementById("swarm-title")!.textContent = editing ? "Change the running load test" : "Start a new load test";
      document.getElementById("swarm-submit")!.textContent = editing ? "Update" : "Start";
      for (const el of form.querySelectorAll<HTMLElement>("[data-start-only]")) {
        el.hidden = editing || (el.id === "swarm-classes" && !config.classPicker) || (el.id === "swarm-custom" && config.customOptions.length === 0);
      }
      if (editing && store.state.frame) field("user_count").value = String(store.state.frame.userCount);
      error.hidden = true;
      if (!dialog.open) showDialog(dialog, config.loginPage);
      field("user_count").focus();
    },
  };
}

/**
 * Opens the dialog: modal, except with a login page, where it opens below the header so "Log out" stays in reach
 * (a modal dialog makes the rest of the page inert).
 */
function showDialog(dialog: HTMLDialogElement, besideHeader: boolean): void {
  if (!besideHeader) return dialog.showModal();
  const topbar = document.querySelector(".topbar")!;
  const place = () => (dialog.style.top = `${Math.ceil(topbar.getBoundingClientRect().bottom) + 12}px`);
  if (!dialog.classList.contains("below-header")) new ResizeObserver(place).observe(topbar);
  dialog.classList.add("below-header");
  place();
  dialog.show();
}

function fillDefaults(form: HTMLFormElement, store: Store): void {
  const { config } = store.state;
  const set = (name: string, value: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = value);
  set("user_count", String(config.users));
  set("spawn_rate", String(config.spawnRate));
  set("host", config.host ?? "");
  set("run_time", config.runTime);
  set("tags", config.tags.join(","));
  const shapeNote = document.getElementById("swarm-shape")!;
  shapeNote.hidden = config.shape === null;
  shapeNote.textContent = config.shape ? `The shape class ${config.shape} controls users and ramp-up.` : "";
  addCustomFields(document.getElementById("swarm-custom")!, config.customOptions);
  const classes = document.getElementById("swarm-classes")!;
  for (const name of config.userClasses) {
    const label = document.createElement("label");
    label.className = "check";
    const input = Object.assign(document.createElement("input"), { type: "checkbox", name: "user_classes", value: name, checked: true });
    label.append(input, ` ${name}`);
    classes.append(label);
  }
}

/** One input per custom option (Locust's "Custom parameters"): checkbox, number, choice list or text/password. */
function addCustomFields(fieldset: HTMLElement, options: readonly CustomOptionField[]): void {
  for (const option of options) {
    const label = document.createElement("label");
    label.title = option.help;
    let input: HTMLInputElement | HTMLSelectElement;
    if (option.choices) {
      input = document.createElement("select");
      for (const choice of option.choices) input.append(Object.assign(document.createElement("option"), { value: choice, textContent: choice }));
      input.value = option.value === null ? "" : String(option.value);
    } else {
      const type = option.kind === "bool" ? "checkbox" : option.kind === "number" ? "number" : option.secret ? "password" : "text";
      input = Object.assign(document.createElement("input"), { type });
      if (option.kind === "bool") input.checked = option.value === true;
      else input.value = option.value === null ? "" : String(option.value);
      if (option.kind === "number") input.step = "any";
    }
    input.name = option.name;
    input.required = option.required && option.kind !== "bool";
    if (option.kind === "bool") {
      label.className = "check";
      label.append(input, ` ${option.label}`);
    } else label.append(`${option.label}${option.help ? ` (${option.help})` : ""} `, input);
    fieldset.append(label);
  }
}

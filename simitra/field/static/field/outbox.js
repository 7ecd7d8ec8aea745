/* The outbox: entries recorded on this device wait in IndexedDB (through Dexie) until the
   server has answered. Every page shows their count; they are sent when the connection returns
   and on demand, each with its own key, so a send repeated after a lost answer records nothing
   twice. A refusal keeps the entry with the server's message. */
(function () {
  "use strict";
  const body = document.body;
  const user = body.dataset.fieldUser;
  if (!user) return;

  if ("serviceWorker" in navigator && body.dataset.fieldWorker) {
    navigator.serviceWorker.register(body.dataset.fieldWorker, { scope: "/" }).catch(() => {});
  }
  if (!window.Dexie) return;

  // One database per user: another person logging in on this browser never opens it (and
  // logging out clears the site's storage anyway).
  const db = new window.Dexie("simitra-outbox-" + user);
  db.version(1).stores({ entries: "key, kind, created, state" });

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  async function refreshCount() {
    const count = await db.entries.count();
    document.querySelectorAll("[data-outbox-count]").forEach((badge) => {
      badge.textContent = String(count);
      badge.closest("[data-outbox-badge]").hidden = count === 0;
    });
    document.dispatchEvent(new CustomEvent("outbox:changed", { detail: { count } }));
    return count;
  }

  async function put(entry) {
    entry.key = entry.key || newKey();
    entry.created = entry.created || new Date().toISOString();
    entry.state = entry.state || "waiting";
    await db.entries.put(entry);
    await refreshCount();
    return entry;
  }

  async function remove(key) {
    await db.entries.delete(key);
    await refreshCount();
  }

  function formData(entry) {
    const data = new FormData();
    data.append("key", entry.key);
    data.append("partnership", entry.partnership);
    Object.entries(entry.fields || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) data.append(name, value);
    });
    if (entry.file && entry.file.blob) {
      data.append(entry.file.field, entry.file.blob, entry.file.name);
    }
    return data;
  }

  // Sends one entry. Answers "sent", "refused", "offline" or "login".
  async function send(entry) {
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        body: formData(entry),
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      });
    } catch (error) {
      return { outcome: "offline" };
    }
    const json = (response.headers.get("Content-Type") || "").includes("application/json");
    if (!json) {
      // A log-in page (the session ended) or a server error: the entry waits as it was.
      return { outcome: response.status >= 500 ? "failed" : "login" };
    }
    const answer = await response.json();
    if (response.ok && answer.ok) {
      await remove(entry.key);
      return { outcome: "sent", answer };
    }
    entry.state = "refused";
    entry.message = answer.message;
    entry.errors = answer.errors || {};
    entry.status = response.status;
    await db.entries.put(entry);
    await refreshCount();
    return { outcome: "refused", answer };
  }

  let sending = null;
  // Sends every waiting entry, oldest first; refused ones wait for the user's fix.
  function sendAll({ includeRefused = false } = {}) {
    if (sending) return sending;
    sending = (async () => {
      const results = [];
      const entries = await db.entries.orderBy("created").toArray();
      for (const entry of entries) {
        if (entry.state === "refused" && !includeRefused) continue;
        const result = await send(entry);
        results.push({ entry, ...result });
        if (result.outcome === "offline" || result.outcome === "login") break;
      }
      document.dispatchEvent(new CustomEvent("outbox:sent", { detail: { results } }));
      return results;
    })().finally(() => {
      sending = null;
    });
    return sending;
  }

  function blobToDataUrl(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  async function exportAll() {
    const entries = await db.entries.orderBy("created").toArray();
    const out = [];
    for (const entry of entries) {
      const copy = { ...entry };
      if (entry.file && entry.file.blob) {
        copy.file = { ...entry.file, blob: undefined, data: await blobToDataUrl(entry.file.blob) };
      }
      out.push(copy);
    }
    return { format: "simitra-outbox", version: 1, exported: new Date().toISOString(), entries: out };
  }

  async function importAll(text) {
    const data = JSON.parse(text);
    if (!data || data.format !== "simitra-outbox" || !Array.isArray(data.entries)) {
      throw new Error("format");
    }
    for (const entry of data.entries) {
      if (!entry.key || !entry.kind || !entry.url) throw new Error("format");
      if (entry.file && entry.file.data) {
        const blob = await (await fetch(entry.file.data)).blob();
        entry.file = { field: entry.file.field, name: entry.file.name, blob };
      }
      entry.state = entry.state === "refused" ? "refused" : "waiting";
      await db.entries.put(entry);
    }
    await refreshCount();
    return data.entries.length;
  }

  window.SimitraOutbox = {
    db, put, remove, send, sendAll, exportAll, importAll, refreshCount, newKey,
    all: () => db.entries.orderBy("created").toArray(),
    get: (key) => db.entries.get(key),
  };

  // Logging out clears this site's storage: say so first while entries still wait.
  document.querySelectorAll("form[data-logout]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      if (form.dataset.confirmed) return;
      event.preventDefault();
      const count = await db.entries.count();
      const message = (form.dataset.logoutWarning || "").replace("%(count)s", count);
      if (count === 0 || window.confirm(message)) {
        form.dataset.confirmed = "1";
        form.submit();
      }
    });
  });

  window.addEventListener("online", () => sendAll());
  refreshCount().then((count) => {
    if (count && navigator.onLine) sendAll();
  });
})();

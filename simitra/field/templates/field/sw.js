/* Simitra's service worker: keeps the page shell and "my tasks" for working without a signal.
   Written for Simitra; its text carries the release, so a new release installs a new worker,
   which drops the old release's caches. */
"use strict";
const CONFIG = {{ config|safe }};
const SHELL = "simitra-shell-" + CONFIG.release;
const PAGES = "simitra-pages-" + CONFIG.release;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL);
    await shell.addAll(CONFIG.shell);
    const pages = await caches.open(PAGES);
    for (const url of CONFIG.pages) {
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok && !response.redirected) await pages.put(url, response);
      } catch (error) { /* offline while installing: the pages are kept on the next visit */ }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("simitra-") && name !== SHELL && name !== PAGES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request, cacheKey) {
  const pages = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) await pages.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await pages.match(cacheKey);
    if (cached) return cached;
    if (request.mode === "navigate") {
      const tasks = await pages.match(CONFIG.tasks);
      if (tasks) return tasks;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (CONFIG.pages.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (CONFIG.shell.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate") {
    // Any other page: the network; without a signal, "my tasks" from the cache.
    event.respondWith(fetch(request).catch(async () => {
      const pages = await caches.open(PAGES);
      return (await pages.match(CONFIG.tasks)) || Response.error();
    }));
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "release") event.source.postMessage({ release: CONFIG.release });
});

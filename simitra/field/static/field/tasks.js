/* "My tasks": the field forms, filled from the reference lists the server built for this user
   (kept by the service worker for working offline), checked here with the server's own
   messages, and saved into the outbox. */
(function () {
  "use strict";
  const root = document.getElementById("field-tasks");
  const outbox = window.SimitraOutbox;
  if (!root || !outbox) return;
  const lang = document.documentElement.lang === "en" ? "en" : "id";
  const text = (name) => (document.querySelector("[data-text-" + name + "]") || {}).textContent || "";
  let data = null;
  let messages = {};

  // Numbers as the user writes them: 1.250,5 in Indonesian, 1,250.5 in English.
  const SEPARATORS = { id: { group: ".", decimal: "," }, en: { group: ",", decimal: "." } };
  function parseNumber(raw) {
    const value = (raw || "").trim();
    if (!value) return "";
    const { group, decimal } = SEPARATORS[lang];
    const grouped = new RegExp("^-?\\d{1,3}(\\" + group + "\\d{3})+(\\" + decimal + "\\d+)?$");
    const plain = new RegExp("^-?\\d+(\\" + decimal + "\\d+)?$");
    if (!grouped.test(value) && !plain.test(value)) return null;
    return value.split(group).join("").replace(decimal, ".");
  }
  function formatNumber(canonical) {
    if (canonical === null || canonical === undefined || canonical === "") return "";
    const [whole, fraction] = String(canonical).split(".");
    const { group, decimal } = SEPARATORS[lang];
    const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    return fraction && !/^0+$/.test(fraction) ? digits + decimal + fraction.replace(/0+$/, "") : digits;
  }

  // Today on the device, or the server's today when the lists were made, whichever is later
  // (the server's time zone may be ahead of the device's clock).
  function today() {
    const now = new Date();
    const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    return data && data.today > local ? data.today : local;
  }

  function option(value, label) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }
  function fillGrouped(select, items) {
    select.replaceChildren(option("", text("choose")));
    const groups = new Map();
    for (const item of items) {
      if (!groups.has(item.partnership)) {
        const group = document.createElement("optgroup");
        const partnership = data.partnerships.find((p) => p.code === item.partnership);
        group.label = partnership ? partnership.name : item.partnership;
        groups.set(item.partnership, group);
        select.append(group);
      }
      groups.get(item.partnership).append(option(item.id, item.label));
    }
  }

  const deliveryForm = root.querySelector('[data-field-form="delivery"]');
  const valueForm = root.querySelector('[data-field-form="value"]');
  const healthForm = root.querySelector('[data-field-form="health"]');
  const decisionForm = root.querySelector('[data-field-form="decision"]');
  const attendanceForm = root.querySelector('[data-field-form="attendance"]');
  const forms = {
    delivery: deliveryForm, value: valueForm, health: healthForm,
    decision: decisionForm, attendance: attendanceForm,
  };
  function roundOf(id) { return data.health_rounds.find((r) => String(r.id) === String(id)); }
  function decisionOf(id) { return (data.decisions || []).find((d) => String(d.id) === String(id)); }
  function meetingOf(id) { return (data.meetings || []).find((m) => String(m.id) === String(id)); }

  // The partners the user acts for in a partnership: a picker where there are several, else
  // the one partner, sent without asking.
  function fillPartners(form, partnership) {
    const partners = (data.partners || {})[partnership] || [];
    const keep = form.partner.value;
    form.partner.replaceChildren(...partners.map((p) => option(p.id, p.label)));
    if (partners.some((p) => String(p.id) === keep)) form.partner.value = keep;
    form.querySelector("[data-partner-row]").hidden = partners.length < 2;
  }

  function onDecision() {
    const decision = decisionOf(decisionForm.decision.value);
    decisionForm.querySelector("[data-decision-info]").textContent = decision
      ? decision.owner + " · " + text("due") + ": " + decision.due_label + " · " + text("status") + ": " + decision.status_label
      : "";
    if (decision) decisionForm.status.value = decision.status;
    onStatus();
  }
  function onStatus() {
    const done = decisionForm.status.value === "done";
    decisionForm.querySelector("[data-done-row]").hidden = !done;
    if (done && !decisionForm.done_on.value) decisionForm.done_on.value = today();
  }
  function checkDecision(form) {
    const errors = {};
    const decision = decisionOf(form.decision.value);
    if (!decision) errors.decision = messages.required;
    const status = form.status.value;
    if (!status) errors.status = messages.required;
    let doneOn = "";
    if (status === "done") {
      doneOn = form.done_on.value;
      if (!doneOn) errors.done_on = messages.done_on_missing;
      else if (doneOn > today()) errors.done_on = messages.done_on_future;
    }
    return { errors, decision, fields: {
      decision: form.decision.value, status, done_on: doneOn,
      // The version the lists carried: a decision changed since is refused by the server.
      seen_version: decision ? decision.version : "",
    } };
  }

  function onMeeting() {
    const meeting = meetingOf(attendanceForm.meeting.value);
    fillPartners(attendanceForm, meeting ? meeting.partnership : null);
  }
  function checkAttendance(form) {
    const errors = {};
    const meeting = meetingOf(form.meeting.value);
    if (!meeting) errors.meeting = messages.required;
    const partner = form.partner.value;
    if (meeting && !partner) errors.partner = messages.required;
    const person = form.person.value.trim();
    if (!person) errors.person = messages.required;
    const status = form.status.value;
    if (meeting && status !== "excused" && meeting.day > today()) {
      errors.status = messages.not_held.replace("%(day)s", meeting.day_label);
    }
    if (meeting && person && meeting.recorded.some(
      (r) => r.person === person.toLowerCase() && String(r.partner) === String(partner))) {
      errors.__all__ = messages.already_recorded;
    }
    return { errors, meeting, fields: { meeting: form.meeting.value, partner, person, status } };
  }

  // One group of radio buttons (1–5) and a comment per question of the chosen round.
  function onRound() {
    const round = roundOf(healthForm.round.value);
    fillPartners(healthForm, round ? round.partnership : null);
    const box = healthForm.querySelector("[data-questions]");
    box.replaceChildren(...(round ? round.questions : []).map((q) => {
      const set = document.createElement("fieldset");
      set.className = "mb-3";
      const legend = document.createElement("legend");
      legend.className = "form-label fs-6";
      legend.textContent = q.label;
      set.append(legend);
      for (let n = 1; n <= 5; n++) {
        const label = document.createElement("label");
        label.className = "form-check form-check-inline";
        const input = document.createElement("input");
        Object.assign(input, { type: "radio", name: "score_" + q.id, value: String(n), className: "form-check-input" });
        label.append(input, " " + n);
        set.append(label);
      }
      const error = document.createElement("div");
      error.className = "invalid-feedback d-block";
      error.dataset.errorFor = "score_" + q.id;
      error.hidden = true;
      const comment = document.createElement("textarea");
      Object.assign(comment, { name: "comment_" + q.id, rows: 1, className: "form-control mt-1" });
      comment.setAttribute("aria-label", legend.textContent);
      set.append(error, comment);
      return set;
    }));
  }

  function checkHealth(form) {
    const errors = {};
    const round = roundOf(form.round.value);
    if (!round) errors.round = messages.required;
    const fields = { round: form.round.value };
    // Only where the user answers for several partners: the server then asks which.
    if (!form.querySelector("[data-partner-row]").hidden) fields.partner = form.partner.value;
    for (const q of round ? round.questions : []) {
      const score = form.elements["score_" + q.id].value;
      if (!score) errors["score_" + q.id] = messages.score;
      fields["score_" + q.id] = score;
      fields["comment_" + q.id] = form.elements["comment_" + q.id].value;
    }
    return { errors, fields, round };
  }

  function pledgeOf(id) { return data.pledges.find((p) => String(p.id) === String(id)); }
  function indicatorOf(id) { return data.indicators.find((i) => String(i.id) === String(id)); }

  function onPledge() {
    const pledge = pledgeOf(deliveryForm.pledge.value);
    deliveryForm.querySelector("[data-currency]").textContent = pledge ? "(" + pledge.currency + ")" : "";
    deliveryForm.querySelector("[data-unit]").textContent = pledge && pledge.unit ? "(" + pledge.unit + ")" : "";
  }
  function onIndicator() {
    const indicator = indicatorOf(valueForm.indicator.value);
    const periods = indicator ? data.periods.filter((p) => p.indicator === indicator.id) : [];
    valueForm.period.replaceChildren(option("", text("choose")), ...periods.map((p) => option(p.id, p.label)));
    const categories = indicator ? indicator.categories : [];
    valueForm.querySelector("[data-category-row]").hidden = categories.length === 0;
    valueForm.category.replaceChildren(option("", text("whole")), ...categories.map((c) => option(c.id, c.label)));
    const qualitative = indicator && indicator.measure === "qualitative";
    valueForm.querySelector("[data-number-row]").hidden = qualitative;
    valueForm.querySelector("[data-text-row]").hidden = !qualitative;
    onPeriod();
  }
  function onPeriod() {
    const period = data.periods.find((p) => String(p.id) === valueForm.period.value);
    valueForm.querySelector("[data-target]").textContent =
      period && period.target !== null ? text("target") + ": " + formatNumber(period.target) : "";
  }

  function clearErrors(form) {
    form.querySelectorAll(".is-invalid").forEach((el) => el.classList.remove("is-invalid"));
    form.querySelectorAll("[data-error-for]").forEach((el) => {
      el.textContent = "";
      if (el.dataset.errorFor === "__all__") el.hidden = true;
    });
  }
  function showErrors(form, errors) {
    clearErrors(form);
    for (const [field, list] of Object.entries(errors)) {
      const slot = form.querySelector('[data-error-for="' + field + '"]') ||
        form.querySelector('[data-error-for="__all__"]');
      slot.textContent = [].concat(list).join(" ");
      slot.hidden = false;
      const input = form.elements[field];
      if (input && input.classList) input.classList.add("is-invalid");
    }
    const first = form.querySelector(".is-invalid, [data-error-for='__all__']:not([hidden])");
    if (first && first.focus) first.focus();
  }

  function checkNumber(errors, form, name, { required = false, max = null } = {}) {
    const raw = form.elements[name].value;
    if (!raw.trim()) {
      if (required) errors[name] = messages.required;
      return "";
    }
    const canonical = parseNumber(raw);
    if (canonical === null) errors[name] = messages.number;
    else if (Number(canonical) < 0) errors[name] = messages.min_zero;
    else if (max !== null && Number(canonical) > max) errors[name] = messages.max_hundred;
    return canonical;
  }

  // The same checks as the server's forms, with its messages; what needs the server (the room
  // left on a pledge, the user's rights today) is checked when the entry is sent.
  function checkDelivery(form, keptFile) {
    const errors = {};
    const pledge = pledgeOf(form.pledge.value);
    if (!pledge) errors.pledge = messages.required;
    const day = form.delivered_on.value;
    if (!day) errors.delivered_on = messages.required;
    else if (day > today()) errors.delivered_on = messages.future;
    const amount = checkNumber(errors, form, "amount");
    const quantity = checkNumber(errors, form, "quantity");
    if (pledge && pledge.valued && !errors.amount && !Number(amount)) errors.amount = messages.amount;
    const hasFile = form.evidence_file.files.length > 0 || keptFile;
    if (!hasFile && !form.evidence_url.value.trim()) errors.__all__ = messages.evidence;
    return { errors, pledge, fields: {
      pledge: form.pledge.value, delivered_on: day, amount: amount || "0", quantity: quantity || "",
      note: form.note.value, evidence_url: form.evidence_url.value.trim(),
    } };
  }
  function checkValue(form) {
    const errors = {};
    const indicator = indicatorOf(form.indicator.value);
    if (!indicator) errors.indicator = messages.required;
    const period = data.periods.find((p) => String(p.id) === form.period.value);
    if (!period) errors.period = messages.required;
    const category = form.category.value || null;
    let value = "";
    if (indicator && indicator.measure === "qualitative") {
      if (!form.text.value.trim()) errors.text = messages.required;
    } else {
      value = checkNumber(errors, form, "value", {
        required: true, max: indicator && indicator.measure === "percentage" ? 100 : null,
      });
    }
    if (period && period.taken.some((c) => String(c) === String(category))) {
      errors.__all__ = messages.taken;
    }
    return { errors, indicator, period, fields: {
      indicator: form.indicator.value, period: form.period.value, category: category || "",
      value, text: form.text.value, comment: form.comment.value,
    } };
  }

  // A photo is made smaller on the device before it is stored and sent: at most 1600 px on
  // its long side, as JPEG. Other files (PDF) are kept as they are.
  async function shrink(file) {
    if (!file.type.startsWith("image/") || !window.createImageBitmap) return file;
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.82));
    const name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
    return blob ? new File([blob], name, { type: "image/jpeg" }) : file;
  }

  // The outbox entry being fixed, if any, per form.
  let editing = { delivery: null, value: null, health: null, decision: null, attendance: null };
  const CHECKS = {
    delivery: (form, previous) => checkDelivery(form, previous && previous.file),
    value: checkValue, health: checkHealth, decision: checkDecision, attendance: checkAttendance,
  };

  function status(message, kind = "success") {
    const box = root.querySelector("[data-status]");
    const alert = document.createElement("div");
    alert.className = "alert alert-" + kind + " py-2";
    alert.textContent = message;
    box.replaceChildren(alert);
  }

  async function save(event, kind) {
    event.preventDefault();
    const form = event.target;
    const previous = editing[kind];
    const checked = CHECKS[kind](form, previous);
    if (Object.keys(checked.errors).length) {
      showErrors(form, checked.errors);
      return;
    }
    clearErrors(form);
    const entry = {
      key: previous ? previous.key : undefined,
      created: previous ? previous.created : undefined,
      kind,
      url: root.dataset["send" + kind.charAt(0).toUpperCase() + kind.slice(1)],
      fields: checked.fields,
      state: "waiting",
    };
    if (kind === "delivery") {
      entry.partnership = checked.pledge.partnership;
      entry.label = checked.pledge.label + " · " + checked.fields.delivered_on;
      const file = form.evidence_file.files[0];
      if (file) {
        const small = await shrink(file);
        entry.file = { field: "evidence_file", name: small.name, blob: small };
      } else if (previous && previous.file) {
        entry.file = previous.file;
      }
    } else if (kind === "health") {
      entry.partnership = checked.round.partnership;
      entry.label = checked.round.label;
    } else if (kind === "decision") {
      entry.partnership = checked.decision.partnership;
      entry.label = checked.decision.label + " · " + form.status.selectedOptions[0].textContent;
    } else if (kind === "attendance") {
      entry.partnership = checked.meeting.partnership;
      entry.label = checked.fields.person + " · " + checked.meeting.label;
    } else {
      entry.partnership = checked.indicator.partnership;
      entry.label = checked.indicator.label + " · " + checked.period.label;
    }
    await outbox.put(entry);
    editing[kind] = null;
    form.reset();
    form.querySelector("[data-kept-file]") && (form.querySelector("[data-kept-file]").textContent = "");
    if (kind === "delivery") {
      form.delivered_on.value = today();
      onPledge();
    } else if (kind === "health") {
      onRound();
    } else if (kind === "decision") {
      onDecision();
    } else if (kind === "attendance") {
      form.person.value = data.user_name || "";
      onMeeting();
    } else {
      onIndicator();
    }
    status(messages.stored, "info");
    await render();
    if (navigator.onLine) outbox.sendAll();
  }

  function report(results) {
    const sent = results.filter((r) => r.outcome === "sent");
    const refused = results.filter((r) => r.outcome === "refused");
    const stopped = results.find((r) => r.outcome === "login" || r.outcome === "failed");
    if (refused.length) status(refused.map((r) => r.entry.label + ": " + r.answer.message).join(" · "), "danger");
    else if (stopped) status(messages[stopped.outcome], "warning");
    else if (results.some((r) => r.outcome === "offline")) status(messages.offline, "warning");
    else if (sent.length) status(sent.map((r) => r.answer.message).join(" · "), "success");
    render();
  }

  function fix(entry) {
    const form = forms[entry.kind];
    if (entry.kind === "health") {
      form.round.value = entry.fields.round;
      onRound();
    }
    editing[entry.kind] = entry;
    const fields = entry.fields;
    for (const [name, value] of Object.entries(fields)) {
      const input = form.elements[name];
      if (!input || input.type === "file" || name === "round") continue;
      input.value = ["amount", "quantity", "value"].includes(name) ? formatNumber(value) : value;
      if (name === "pledge") onPledge();
      if (name === "indicator") onIndicator();
      if (name === "decision") onDecision();
      if (name === "meeting") onMeeting();
      if (name === "status" && entry.kind === "decision") onStatus();
    }
    if (entry.kind === "value") {
      form.period.value = fields.period;
      form.category.value = fields.category;
      onPeriod();
    }
    if (entry.file) form.querySelector("[data-kept-file]").textContent = entry.file.name;
    showErrors(form, entry.errors && Object.keys(entry.errors).length ? entry.errors : { __all__: entry.message || "" });
    form.scrollIntoView();
  }

  async function render() {
    const entries = await outbox.all();
    root.querySelector("[data-outbox-total]").textContent = String(entries.length);
    root.querySelector("[data-outbox-empty]").hidden = entries.length > 0;
    const list = root.querySelector("[data-outbox-list]");
    const template = document.getElementById("outbox-entry");
    list.replaceChildren(...entries.map((entry) => {
      const item = template.content.firstElementChild.cloneNode(true);
      item.dataset.key = entry.key;
      item.dataset.state = entry.state;
      item.querySelector("[data-entry-label]").textContent = entry.label;
      item.querySelector("[data-entry-state]").textContent = entry.state === "refused" ? text("refused") : text("waiting");
      item.querySelector("[data-entry-message]").textContent = entry.state === "refused" ? entry.message || "" : "";
      item.querySelector("[data-entry-send]").addEventListener("click", async () => {
        report([{ entry, ...(await outbox.send(entry)) }]);
      });
      item.querySelector("[data-entry-fix]").addEventListener("click", () => fix(entry));
      item.querySelector("[data-entry-discard]").addEventListener("click", async () => {
        if (window.confirm(messages.discard)) {
          await outbox.remove(entry.key);
          render();
        }
      });
      return item;
    }));
  }

  function showConnection() {
    root.querySelector("[data-connection]").textContent = navigator.onLine ? text("online") : text("offline");
  }

  async function load() {
    const response = await fetch(root.dataset.reference, { credentials: "same-origin" });
    data = await response.json();
    messages = data.messages[lang];
    fillGrouped(deliveryForm.pledge, data.pledges);
    fillGrouped(valueForm.indicator, data.indicators);
    deliveryForm.delivered_on.value = today();
    deliveryForm.delivered_on.max = today();
    onPledge();
    onIndicator();
    fillGrouped(healthForm.round, data.health_rounds || []);
    onRound();
    fillGrouped(decisionForm.decision, data.decisions || []);
    decisionForm.done_on.max = today();
    onDecision();
    fillGrouped(attendanceForm.meeting, data.meetings || []);
    attendanceForm.person.value = data.user_name || "";
    onMeeting();
    for (const [form, items] of [[decisionForm, data.decisions], [attendanceForm, data.meetings]]) {
      form.closest("section").querySelector("[data-empty]").hidden = (items || []).length > 0;
    }
    decisionForm.addEventListener("submit", (event) => save(event, "decision"));
    decisionForm.decision.addEventListener("change", onDecision);
    decisionForm.status.addEventListener("change", onStatus);
    attendanceForm.addEventListener("submit", (event) => save(event, "attendance"));
    attendanceForm.meeting.addEventListener("change", onMeeting);
    healthForm.addEventListener("submit", (event) => save(event, "health"));
    healthForm.round.addEventListener("change", onRound);
    root.querySelector("[data-reference-note]").textContent = text("lists") + " " + data.today;
    deliveryForm.addEventListener("submit", (event) => save(event, "delivery"));
    valueForm.addEventListener("submit", (event) => save(event, "value"));
    deliveryForm.pledge.addEventListener("change", onPledge);
    valueForm.indicator.addEventListener("change", onIndicator);
    valueForm.period.addEventListener("change", onPeriod);
    root.querySelector("[data-send-all]").addEventListener("click", () => {
      if (!navigator.onLine) status(messages.offline, "warning");
      outbox.sendAll({ includeRefused: true });
    });
    root.querySelector("[data-export]").addEventListener("click", async () => {
      const dump = await outbox.exportAll();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(dump, null, 1)], { type: "application/json" }));
      link.download = "simitra-outbox-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.append(link);
      link.click();
      link.remove();
    });
    root.querySelector("[data-import]").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      try {
        const count = await outbox.importAll(await file.text());
        status(messages.imported.replace("%(count)s", count), "info");
      } catch (error) {
        status(messages.bad_file, "danger");
      }
      event.target.value = "";
      render();
    });
    // Every send (after saving, on demand, or when the connection returns) reports here.
    document.addEventListener("outbox:sent", (event) => {
      if (event.detail.results.length) report(event.detail.results);
      else render();
    });
    window.addEventListener("online", showConnection);
    window.addEventListener("offline", showConnection);
    showConnection();
    await render();
    root.dataset.ready = "1";
  }

  load();
})();

// Asks before edits are lost. While `dirty` (the server's word: the form differs from what is
// stored) or while something was typed in the element `scopeId` that the server has not heard of
// yet (fields send their text after a pause), leaving the page asks first:
// - links, menus and redirects inside the portal go through the router, which holds the move
//   (useBlocker) until the person answers in a dialog;
// - closing the tab, reloading or typing another address gets the browser's own question
//   (beforeunload: browsers show their own words there, never a page's).
// `revision` changes with every update the server makes to the form, so what was typed and sent
// stops counting as "not heard of yet".
import { createElement as h, useEffect, useState } from "react";
import { useBlocker } from "react-router";
import { AlertDialog, Button, Flex } from "@radix-ui/themes";

export function UnsavedChangesGuard({ dirty, revision, scopeId, title, message, stayLabel, leaveLabel }) {
  const [typed, setTyped] = useState(false);
  useEffect(() => setTyped(false), [dirty, revision]);
  useEffect(() => {
    const onInput = (event) => {
      const scope = scopeId && document.getElementById(scopeId);
      if (scope && scope.contains(event.target)) setTyped(true);
    };
    document.addEventListener("input", onInput, true);
    return () => document.removeEventListener("input", onInput, true);
  }, [scopeId]);

  const unsaved = Boolean(dirty) || typed;
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    unsaved && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!unsaved) return undefined;
    const ask = (event) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unsaved]);

  const blocked = blocker.state === "blocked";
  return h(AlertDialog.Root, { open: blocked, onOpenChange: (open) => { if (!open && blocked) blocker.reset(); } },
    h(AlertDialog.Content, { maxWidth: "28rem", id: "unsaved-changes-dialog" },
      h(AlertDialog.Title, null, title || "Leave without saving?"),
      h(AlertDialog.Description, { size: "2" },
        message || "Your changes on this page are not saved yet. If you leave now, they are lost."),
      h(Flex, { gap: "3", mt: "4", justify: "end", wrap: "wrap" },
        h(AlertDialog.Cancel, null,
          h(Button, { variant: "soft", color: "gray", id: "stay-on-page" }, stayLabel || "Stay and keep editing")),
        // Not an AlertDialog.Action: closing the dialog that way would also count as "stay".
        h(Button, { color: "red", id: "leave-page", onClick: () => blocker.state === "blocked" && blocker.proceed() },
          leaveLabel || "Leave without saving"))));
}

// A button that downloads a file from the portal's own REST API as the signed-in user: the
// request carries the session's bearer token (kept in this browser's localStorage by the
// sign-in), so the page offers exactly what GET <href> gives an API client, and a file of any
// size is streamed to disk rather than passed through the page's state.
import { createElement as h, useState } from "react";
import { Button } from "@radix-ui/themes";

function filenameOf(response, fallback) {
  const header = response.headers.get("content-disposition") || "";
  const match = header.match(/filename="([^"]+)"/);
  return match ? match[1] : fallback;
}

export function ApiDownload({ href, filename, tokenKey, onFailure, children, ...rest }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const token = localStorage.getItem(tokenKey || "sp_token") || "";
      const response = await fetch(href, { headers: { Authorization: `Bearer ${token}` } });
      if (!response.ok) {
        let detail = `The download failed (${response.status}).`;
        try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
        if (onFailure) onFailure(String(detail));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = filenameOf(response, filename || "download.csv");
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      if (onFailure) onFailure("The download failed: the portal could not be reached.");
    } finally {
      setBusy(false);
    }
  };
  return h(Button, { variant: "soft", onClick: download, loading: busy, ...rest }, children);
}

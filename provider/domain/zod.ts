/**
 * zod as the provider's schemas use it: the same `z`, loaded without its translations (see ./zod-locales).
 * Provider modules import zod from here, never from "zod" directly, so the first load goes through it.
 */
import "./zod-locales";

export { z } from "zod";

/**
 * Types for the part of @openeo/js-processgraphs 1.4 (plain CommonJS, ships no types) the service
 * uses: parse and validate a process graph against a process registry.
 */
declare module '@openeo/js-processgraphs' {
  export class ProcessGraphError extends Error {
    code: string;
    message: string;
    variables: Record<string, unknown>;
    toJSON(): { code: string; message: string };
  }

  export class ErrorList {
    count(): number;
    first(): ProcessGraphError | Error | null;
    getAll(): Array<ProcessGraphError | Error>;
    toJSON(): Array<{ code: string; message: string }>;
    getMessage(): string;
  }

  export class ProcessRegistry {
    constructor(processes?: readonly object[]);
    get(id: string, namespace?: string | null): object | null;
    all(): object[];
  }

  export class JsonSchemaValidator {
    setCollections(ids: string[]): void;
    setFileFormats(formats: { input?: Record<string, unknown> | null; output?: Record<string, unknown> | null }): void;
    setEpsgCodes(codes: number[]): void;
  }

  export class ProcessGraph {
    constructor(process: unknown, registry?: ProcessRegistry | null, validator?: JsonSchemaValidator | null);
    /** Resolves to the errors (throwOnErrors false) or throws the first one. */
    validate(throwOnErrors?: boolean): Promise<ErrorList>;
  }
}

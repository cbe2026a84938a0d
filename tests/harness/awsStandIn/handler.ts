import type { Props } from "./values";

/** A problem with one input, reported at preview. */
export interface Failure {
    property: string;
    reason: string;
}

/** One resource type the stand-in implements. */
export interface ResourceHandler {
    /** The inputs it implements; any other input is refused at check, naming it. */
    readonly inputs: readonly string[];
    /** Inputs that are also computed: leaving one out of the program is no change. */
    readonly computedInputs?: readonly string[];
    /** Fills defaults (auto-names, as pulumi-aws does in its check) and validates. */
    check?(news: Props, olds: Props | undefined, name: string): Failure[];
    /** Replacements beyond the table's (e.g. Cloud Control's create-only properties). */
    extraReplaces?(olds: Props, news: Props): string[];
    create(inputs: Props): Promise<{ id: string; outs: Props }>;
    /** The current state, or undefined when the resource is gone. */
    read(id: string, state: Props): Promise<Props | undefined>;
    update?(id: string, olds: Props, news: Props): Promise<Props>;
    delete(id: string, state: Props): Promise<void>;
}

/** One function (invoke) the stand-in implements. */
export type InvokeHandler = (inputs: Props) => Promise<Props>;

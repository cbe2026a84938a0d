import type * as pulumi from "@pulumi/pulumi";
import * as lifecycle from "./lifecycle";

/**
 * The dynamic provider behind {@link ServiceLinkedRole}. Pulumi stores it serialized in state with
 * every resource; each method only delegates to the lifecycle module, so an installed package
 * serializes to little more than a `require()` of that module.
 */
export const serviceLinkedRoleProvider: pulumi.dynamic.ResourceProvider = {
    async configure(req) {
        lifecycle.configureConnection({
            region: req.config.get("serviceLinkedRole:region") ?? req.config.get("aws:region"),
            profile: req.config.get("serviceLinkedRole:profile") ?? req.config.get("aws:profile"),
        });
    },
    async check(_olds, news) {
        return lifecycle.check(news);
    },
    async diff(_id, olds, news) {
        const { changes, replaces, deleteBeforeReplace } = lifecycle.diff(olds, news);
        return { changes, replaces, deleteBeforeReplace };
    },
    create: (inputs) => lifecycle.create(inputs),
    read: (id, props) => lifecycle.read(id, props),
    update: (id, olds, news) => lifecycle.update(id, olds, news),
    delete: (id, props) => lifecycle.remove(id, props),
};

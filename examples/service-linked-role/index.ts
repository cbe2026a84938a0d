import { serviceLinkedRoleProgram } from "./program";

const outputs = serviceLinkedRoleProgram();

export const roleName = outputs.roleName;
export const roleArn = outputs.roleArn;
export const roleId = outputs.roleId;
export const createDate = outputs.createDate;
export const description = outputs.description;
export const tags = outputs.tags;
export const trustPolicy = outputs.trustPolicy;
export const ownership = outputs.ownership;

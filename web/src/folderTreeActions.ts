// What the folder tree does beyond drawing itself, in one chunk of its own, fetched when the
// tree first has the focus or on the first drop: the first screen's JavaScript has a budget.
export { dropOnFolder } from "./folderDrop";
export { treeKey } from "./treeKeys";

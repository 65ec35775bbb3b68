export { ChannelIcon, channelIcons } from "./components/entry-channel";
export { NewBadge } from "./components/timeline-feed";
export { RichTextEditor } from "./components/rich-text-editor";
export { EntryAttachments as FileList } from "./components/entry-attachments";

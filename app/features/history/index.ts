export { AudienceBadge, ChannelIcon, channelIcons, useTimeZone } from "./components/entry-channel";
export { NewBadge } from "./components/timeline-feed";

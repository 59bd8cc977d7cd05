/** The notification channels, as notify_config.json's `channels`, a job's `notify.channels` and `notify test --channel` name them. */
export const channelNames = ['pushplus', 'dingtalk', 'wecom', 'email', 'webhook'] as const;
export type ChannelName = (typeof channelNames)[number];

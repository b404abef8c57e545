/**
 * The dataset_info.json entry through which LLaMA-Factory (and the embedded engine) read a sharegpt
 * KTO file: the messages column, the boolean kto_tag column and the role/content tags the records use.
 */
export function datasetInfoEntry(fileName: string) {
  return {
    file_name: fileName,
    formatting: 'sharegpt',
    columns: { messages: 'messages', kto_tag: 'label' },
    tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
  } as const;
}

-- Recall gives a workspace's members the ComfyUI workflow of the images shared with them,
-- as they see the rest of those images' generation data.
create policy image_generation_sources_workspace_member on image_generation_sources
    for select to gallery_app using (app_workspace_image(image_id));
